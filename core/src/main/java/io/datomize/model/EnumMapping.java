package io.datomize.model;

import io.datomize.target.EnumIdent;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Source values (PostgreSQL enum labels, or the values of a text column) to enum idents. A value
 * with no entry maps to {@link #fallback()} when one is given, and is otherwise a row error naming
 * the value: never a silent drop.
 */
@Value.Immutable
public abstract class EnumMapping {
  /** Source value to ident, in the order the values were declared. */
  public abstract Map<String, EnumIdent> values();

  public abstract Optional<EnumIdent> fallback();

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (values().isEmpty()) {
      throw new IllegalArgumentException("an enum mapping needs at least one value");
    }
  }

  public static class Builder extends ImmutableEnumMapping.Builder {}
}
