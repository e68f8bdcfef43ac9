package io.datomize.catalog;

import java.util.List;
import org.immutables.value.Value;

/** A unique constraint or unique index of a table (the primary key is kept apart). */
@Value.Immutable
public abstract class UniqueKey {
  @Value.Parameter
  public abstract String name();

  @Value.Parameter
  public abstract List<String> columns();

  public static UniqueKey of(String name, List<String> columns) {
    return ImmutableUniqueKey.of(name, columns);
  }
}
