package io.datomize.catalog;

import java.util.List;
import org.immutables.value.Value;

/**
 * A text column whose CHECK constraint allows only a fixed list of values ({@code col IN (...)} or
 * {@code col = ANY (ARRAY[...])}): a candidate for an enum mapping.
 */
@Value.Immutable
public abstract class EnumCandidate {
  @Value.Parameter
  public abstract String column();

  /** The allowed values, in the order the constraint lists them. */
  @Value.Parameter
  public abstract List<String> values();

  public static EnumCandidate of(String column, List<String> values) {
    return ImmutableEnumCandidate.of(column, values);
  }
}
