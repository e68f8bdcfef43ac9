package io.datomize.target;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The definition of one Datomic attribute, as a migration installs it. */
@Value.Immutable
public abstract class AttributeSchema {
  public abstract Attribute ident();

  public abstract ValueType valueType();

  @Value.Default
  public Cardinality cardinality() {
    return Cardinality.ONE;
  }

  @Value.Default
  public Uniqueness unique() {
    return Uniqueness.NONE;
  }

  @Value.Default
  public boolean isComponent() {
    return false;
  }

  @Value.Default
  public boolean noHistory() {
    return false;
  }

  /** {@code :db/index}: an AVET index for lookups by value; unique attributes have one anyway. */
  @Value.Default
  public boolean index() {
    return false;
  }

  public abstract Optional<String> doc();

  /**
   * For {@link ValueType#TUPLE}: the element types of the heterogeneous tuple ({@code
   * :db/tupleTypes}).
   */
  public abstract List<ValueType> tupleTypes();

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The unique attribute of key columns of {@code valueTypes}: of that type for one column, else a
   * heterogeneous tuple ({@code :db/tupleTypes}) holding the key values in order.
   */
  public static Builder key(Attribute ident, List<ValueType> valueTypes, Uniqueness unique) {
    Builder key = builder().ident(ident).unique(unique);
    return valueTypes.size() > 1
        ? key.valueType(ValueType.TUPLE).tupleTypes(valueTypes)
        : key.valueType(valueTypes.get(0));
  }

  @Value.Check
  protected void check() {
    boolean tuple = valueType() == ValueType.TUPLE;
    if (tuple && (tupleTypes().size() < 2 || tupleTypes().size() > 8)) {
      throw new IllegalArgumentException(
          ident() + ": a tuple attribute needs 2 to 8 tuple types, got " + tupleTypes());
    }
    if (!tuple && !tupleTypes().isEmpty()) {
      throw new IllegalArgumentException(
          ident() + ": tuple types are only for :db.type/tuple attributes");
    }
    if (isComponent() && valueType() != ValueType.REF) {
      throw new IllegalArgumentException(ident() + ": only ref attributes can be components");
    }
    if (unique() != Uniqueness.NONE && cardinality() == Cardinality.MANY) {
      throw new IllegalArgumentException(
          ident() + ": Datomic does not allow unique cardinality-many attributes");
    }
  }

  public static class Builder extends ImmutableAttributeSchema.Builder {}
}
