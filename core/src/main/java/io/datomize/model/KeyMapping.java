package io.datomize.model;

import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.List;
import org.immutables.value.Value;

/**
 * A unique key of a table other than its identity, as a {@code :db.unique/value} attribute holding
 * copies of the key's values (a tuple for a composite key), so that a foreign key to it resolves as
 * a lookup ref on it. It is asserted only for rows whose key columns are all non-null, as SQL
 * enforces such keys.
 */
@Value.Immutable
public abstract class KeyMapping {
  public abstract Attribute attribute();

  public abstract List<String> columns();

  /** One value type per key column. */
  public abstract List<ValueType> valueTypes();

  public static Builder builder() {
    return new Builder();
  }

  public boolean isTuple() {
    return columns().size() > 1;
  }

  public AttributeSchema schema() {
    return AttributeSchema.key(attribute(), valueTypes(), Uniqueness.VALUE).build();
  }

  @Value.Check
  protected void check() {
    if (columns().isEmpty() || columns().size() > 8 || columns().size() != valueTypes().size()) {
      throw new IllegalArgumentException(
          "unique key "
              + attribute()
              + ": key columns "
              + columns()
              + " and value types "
              + valueTypes()
              + " must be of the same length, 1 to 8");
    }
    if (valueTypes().contains(ValueType.REF)
        || valueTypes().contains(ValueType.TUPLE)
        || (isTuple() && valueTypes().contains(ValueType.BYTES))) {
      throw new IllegalArgumentException(
          "unique key "
              + attribute()
              + ": key columns "
              + columns()
              + " cannot be of value types "
              + valueTypes());
    }
  }

  @Override
  public String toString() {
    return columns() + " -> " + attribute() + " unique";
  }

  public static class Builder extends ImmutableKeyMapping.Builder {}
}
