package io.datomize.spi;

import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The transaction data made from one source row: an entity named by its identity (so transacting it
 * is an upsert), its assertions and, for a sync, its retractions (or the retraction of the whole
 * entity, {@link #retraction}). A value is a scalar of the attribute's {@link
 * ValueType#javaType()}, an {@link EnumIdent}, a {@link LookupRef}, a {@link Tuple}, or for a
 * cardinality-many attribute a {@link Collection} of those. There is no null value: an absent value
 * is simply not asserted.
 *
 * <p>Hand-written and array-backed: it is the unit of the hot path between conversion and the
 * target.
 */
public final class TxEntity {
  private final RowKey sourceKey;
  private final LookupRef identity;
  private final Attribute[] attributes;
  private final Object[] values;
  private final int size;
  private final List<Attribute> retractedAttributes;
  private final List<Object> retractedValues;
  private final boolean retractsEntity;

  private TxEntity(
      RowKey sourceKey,
      LookupRef identity,
      Attribute[] attributes,
      Object[] values,
      int size,
      List<Attribute> retractedAttributes,
      List<Object> retractedValues,
      boolean retractsEntity) {
    this.sourceKey = sourceKey;
    this.identity = identity;
    this.attributes = attributes;
    this.values = values;
    this.size = size;
    this.retractedAttributes = retractedAttributes;
    this.retractedValues = retractedValues;
    this.retractsEntity = retractsEntity;
  }

  /**
   * The retraction of an existing entity and of every datom that refers to it ({@code
   * :db/retractEntity}).
   */
  public static TxEntity retraction(RowKey sourceKey, LookupRef identity) {
    return new TxEntity(
        Objects.requireNonNull(sourceKey, "sourceKey"),
        Objects.requireNonNull(identity, "identity"),
        new Attribute[0],
        new Object[0],
        0,
        List.of(),
        List.of(),
        true);
  }

  /** Whether this retracts the whole entity; it then has neither assertions nor retractions. */
  public boolean retractsEntity() {
    return retractsEntity;
  }

  /** Number of values retracted from the existing entity. */
  public int retractionCount() {
    return retractedAttributes.size();
  }

  public Attribute retractedAttribute(int index) {
    return retractedAttributes.get(index);
  }

  /** A single value, never a collection: each value of a many attribute is retracted alone. */
  public Object retractedValue(int index) {
    return retractedValues.get(index);
  }

  /**
   * Starts an entity.
   *
   * @param sourceKey the key of the source row it comes from, to name the row if the target rejects
   *     it
   * @param identity the identity attribute and its value
   * @param expectedAssertions a capacity hint
   */
  public static Builder builder(RowKey sourceKey, LookupRef identity, int expectedAssertions) {
    return new Builder(sourceKey, identity, expectedAssertions);
  }

  public RowKey sourceKey() {
    return sourceKey;
  }

  public LookupRef identity() {
    return identity;
  }

  /** Number of assertions besides the identity. */
  public int size() {
    return size;
  }

  public Attribute attribute(int index) {
    Objects.checkIndex(index, size);
    return attributes[index];
  }

  public Object value(int index) {
    Objects.checkIndex(index, size);
    return values[index];
  }

  /**
   * Number of datoms this entity asserts, counting its identity and each value of a many attribute.
   */
  public int datomCount() {
    int count = 1 + retractedAttributes.size();
    for (int i = 0; i < size; i++) {
      count += values[i] instanceof Collection<?> c ? c.size() : 1;
    }
    return count;
  }

  /** About how many bytes the entity's values take, as {@link SourceRow#estimatedBytes()}. */
  public long estimatedBytes() {
    long bytes = ValueBytes.of(identity.value()) + ValueBytes.of(retractedValues);
    for (int i = 0; i < size; i++) {
      bytes += ValueBytes.of(values[i]);
    }
    return bytes;
  }

  /** The value asserted for {@code attribute}, or null when there is none. */
  public Object valueOf(Attribute attribute) {
    for (int i = 0; i < size; i++) {
      if (attributes[i].equals(attribute)) {
        return values[i];
      }
    }
    return null;
  }

  public List<Attribute> attributes() {
    return List.of(Arrays.copyOf(attributes, size));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TxEntity e
        && sourceKey.equals(e.sourceKey)
        && identity.equals(e.identity)
        && Arrays.equals(attributes, 0, size, e.attributes, 0, e.size)
        && Arrays.deepEquals(Arrays.copyOf(values, size), Arrays.copyOf(e.values, e.size))
        && retractedAttributes.equals(e.retractedAttributes)
        && Arrays.deepEquals(retractedValues.toArray(), e.retractedValues.toArray())
        && retractsEntity == e.retractsEntity;
  }

  @Override
  public int hashCode() {
    return 31 * identity.hashCode() + Arrays.hashCode(Arrays.copyOf(attributes, size));
  }

  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder(retractsEntity ? "retract {" : "{")
            .append(identity.attribute())
            .append(' ')
            .append(identity.value());
    for (int i = 0; i < size; i++) {
      out.append(", ").append(attributes[i]).append(' ');
      out.append(values[i] instanceof byte[] b ? "bytes[" + b.length + "]" : values[i]);
    }
    for (int i = 0; i < retractedAttributes.size(); i++) {
      out.append(", retract ").append(retractedAttributes.get(i)).append(' ');
      out.append(SourceRow.describe(retractedValues.get(i)));
    }
    return out.append('}').toString();
  }

  /** Collects assertions; rejects nulls so that no null can ever reach a target. */
  public static final class Builder {
    private final RowKey sourceKey;
    private final LookupRef identity;
    private Attribute[] attributes;
    private Object[] values;
    private int size;
    private final List<Attribute> retractedAttributes = new ArrayList<>(0);
    private final List<Object> retractedValues = new ArrayList<>(0);

    private Builder(RowKey sourceKey, LookupRef identity, int expectedAssertions) {
      this.sourceKey = Objects.requireNonNull(sourceKey, "sourceKey");
      this.identity = Objects.requireNonNull(identity, "identity");
      int capacity = Math.max(1, expectedAssertions);
      this.attributes = new Attribute[capacity];
      this.values = new Object[capacity];
    }

    public Builder add(Attribute attribute, Object value) {
      Objects.requireNonNull(attribute, "attribute");
      if (value == null) {
        throw new IllegalArgumentException(
            "null value for "
                + attribute
                + " of "
                + identity
                + ": Datomic has no nil; omit the assertion instead");
      }
      if (value instanceof Collection<?> many && containsNull(many)) {
        throw new IllegalArgumentException(
            "null element among the values of " + attribute + " of " + identity);
      }
      if (size == attributes.length) {
        attributes = Arrays.copyOf(attributes, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      attributes[size] = attribute;
      values[size] =
          value instanceof Collection<?> many && !(value instanceof List<?>)
              ? new ArrayList<>(many)
              : value;
      size++;
      return this;
    }

    // Collection.contains(null) throws for List.of(..) and Set.of(..), the most common collections
    // here
    private static boolean containsNull(Collection<?> values) {
      for (Object value : values) {
        if (value == null) {
          return true;
        }
      }
      return false;
    }

    /**
     * Retracts a value the existing entity holds; for a many attribute, each value of {@code value}
     * when it is a collection.
     */
    public Builder retract(Attribute attribute, Object value) {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(value, () -> "null retraction of " + attribute + " of " + identity);
      if (value instanceof Collection<?> many) {
        for (Object element : many) {
          retract(attribute, element);
        }
      } else {
        retractedAttributes.add(attribute);
        retractedValues.add(value);
      }
      return this;
    }

    public TxEntity build() {
      return new TxEntity(
          sourceKey,
          identity,
          attributes,
          values,
          size,
          List.copyOf(retractedAttributes),
          List.copyOf(retractedValues),
          false);
    }
  }
}
