package io.datomize.model;

import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.Optional;
import org.immutables.value.Value;

/** One source column to one Datomic attribute. */
@Value.Immutable
public abstract class AttributeMapping {
  public abstract String column();

  public abstract Attribute attribute();

  /** The attribute's value type; {@link ValueType#REF} for an enum. */
  public abstract ValueType valueType();

  /** {@link Cardinality#MANY} for an array column: one value per element (their order is lost). */
  @Value.Default
  public Cardinality cardinality() {
    return Cardinality.ONE;
  }

  @Value.Default
  public Uniqueness unique() {
    return Uniqueness.NONE;
  }

  @Value.Default
  public boolean noHistory() {
    return false;
  }

  /**
   * {@code :db/index true}: by convention for a column with a single-column index, unless it is
   * unique.
   */
  @Value.Default
  public boolean index() {
    return false;
  }

  public abstract Optional<String> doc();

  /** Applied to each non-null value (each element of an array) before it is asserted. */
  public abstract Optional<ValueConverter> converter();

  /**
   * The chosen null policy; empty when none was chosen, which behaves as {@link NullPolicy#omit()}.
   */
  public abstract Optional<NullPolicy> nullPolicy();

  public NullPolicy effectiveNullPolicy() {
    return nullPolicy().orElseGet(NullPolicy::omit);
  }

  public abstract Optional<EnumMapping> enumMapping();

  public static Builder builder() {
    return new Builder();
  }

  /** The Datomic definition of the attribute. */
  public AttributeSchema schema() {
    return AttributeSchema.builder()
        .ident(attribute())
        .valueType(valueType())
        .cardinality(cardinality())
        .unique(unique())
        .noHistory(noHistory())
        .index(index())
        .doc(doc())
        .build();
  }

  @Value.Check
  protected void check() {
    if (enumMapping().isPresent() && valueType() != ValueType.REF) {
      throw new IllegalArgumentException(
          "column "
              + column()
              + " -> "
              + attribute()
              + ": an enum attribute is of value type REF, not "
              + valueType());
    }
    if (converter().isPresent() && converter().get().target() != valueType()) {
      throw new IllegalArgumentException(
          "column "
              + column()
              + " -> "
              + attribute()
              + ": converter "
              + converter().get().id()
              + " produces "
              + converter().get().target()
              + ", not "
              + valueType());
    }
    if (enumMapping().isEmpty() && valueType() == ValueType.REF) {
      throw new IllegalArgumentException(
          "column "
              + column()
              + " -> "
              + attribute()
              + ": a plain column cannot be a ref; map a foreign key as a ref, or give an enum mapping");
    }
  }

  @Override
  public String toString() {
    return column() + " -> " + attribute() + " " + valueType().ident();
  }

  public static class Builder extends ImmutableAttributeMapping.Builder {}
}
