package io.datomize.model;

import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The unique-identity attribute that names each entity of a table, made from its key columns (the
 * primary key, or a unique key chosen for a table without one). Every load is an upsert on it, so
 * re-running is harmless. A composite key becomes a heterogeneous tuple attribute ({@code
 * :db/tupleTypes}) holding the key values in order.
 */
@Value.Immutable
public abstract class IdentityMapping {
  public abstract Attribute attribute();

  public abstract List<String> columns();

  /** One value type per key column. */
  public abstract List<ValueType> valueTypes();

  /** The identity attribute's {@code :db/doc}; by convention the table's comment. */
  public abstract Optional<String> doc();

  public static Builder builder() {
    return new Builder();
  }

  public boolean isTuple() {
    return columns().size() > 1;
  }

  /** The Datomic definition of the identity attribute. */
  public AttributeSchema schema() {
    return AttributeSchema.key(attribute(), valueTypes(), Uniqueness.IDENTITY).doc(doc()).build();
  }

  @Value.Check
  protected void check() {
    if (columns().isEmpty() || columns().size() != valueTypes().size()) {
      throw new IllegalArgumentException(
          "identity "
              + attribute()
              + ": key columns "
              + columns()
              + " and value types "
              + valueTypes()
              + " must be non-empty and of the same length");
    }
    if (columns().size() > 8) {
      throw new IllegalArgumentException(
          "identity "
              + attribute()
              + ": a Datomic tuple holds at most 8 values, the key "
              + columns()
              + " has "
              + columns().size());
    }
    if (valueTypes().contains(ValueType.REF)
        || valueTypes().contains(ValueType.TUPLE)
        || (isTuple() && valueTypes().contains(ValueType.BYTES))) {
      throw new IllegalArgumentException(
          "identity "
              + attribute()
              + ": key columns "
              + columns()
              + " cannot be of value types "
              + valueTypes());
    }
  }

  public static class Builder extends ImmutableIdentityMapping.Builder {}
}
