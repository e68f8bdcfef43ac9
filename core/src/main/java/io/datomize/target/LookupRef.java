package io.datomize.target;

import java.util.Objects;

/**
 * A reference to an entity by the value of a unique attribute, as Datomic's {@code [:user/pg-id
 * 42]}. Hand-written because every foreign key of every row makes one.
 */
public final class LookupRef {
  private final Attribute attribute;
  private final Object value;

  private LookupRef(Attribute attribute, Object value) {
    this.attribute = Objects.requireNonNull(attribute, "attribute");
    this.value =
        Objects.requireNonNull(
            value, () -> "lookup ref value on " + attribute + " must not be null");
  }

  public static LookupRef of(Attribute attribute, Object value) {
    return new LookupRef(attribute, value);
  }

  public Attribute attribute() {
    return attribute;
  }

  /** A scalar, or a {@link Tuple} for a composite identity. */
  public Object value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LookupRef r && attribute.equals(r.attribute) && value.equals(r.value);
  }

  @Override
  public int hashCode() {
    return 31 * attribute.hashCode() + value.hashCode();
  }

  @Override
  public String toString() {
    return "[" + attribute + " " + (value instanceof String s ? '"' + s + '"' : value) + "]";
  }
}
