package io.datomize.target;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A tuple value, e.g. the identity of a row with a composite primary key. Hand-written rather than
 * generated because one is made for every such row and every composite foreign key.
 */
public final class Tuple {
  private final Object[] values;

  private Tuple(Object[] values) {
    this.values = values;
  }

  /** A tuple of 2 to 8 non-null values. */
  public static Tuple of(Object... values) {
    if (values.length < 2 || values.length > 8) {
      throw new IllegalArgumentException("a tuple has 2 to 8 values, got " + values.length);
    }
    Object[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(
          copy[i], () -> "tuple value must not be null: " + Arrays.toString(values));
    }
    return new Tuple(copy);
  }

  public List<Object> values() {
    return List.of(values);
  }

  public int size() {
    return values.length;
  }

  public Object get(int index) {
    return values[index];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tuple t && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
