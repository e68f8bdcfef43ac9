package io.datomize.spi;

import java.util.Arrays;

/**
 * One row read from the source: plain Java values (null for SQL NULL) in the order of its {@link
 * RowShape}. Hand-written and array-backed because a migration makes millions of them.
 */
public final class SourceRow {
  /** Values longer than this are cut in messages and reject files. */
  public static final int MAX_DESCRIBED_LENGTH = 200;

  private final RowShape shape;
  private final Object[] values;
  // made on first use: the reader, the converter and the executor all ask for it; a race only makes
  // it twice
  private RowKey key;

  private SourceRow(RowShape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /**
   * A row of {@code values}, which the row takes over (the caller must not change the array
   * afterwards).
   */
  public static SourceRow of(RowShape shape, Object[] values) {
    if (values.length != shape.columns().size()) {
      throw new IllegalArgumentException(
          shape.table()
              + ": a row of "
              + shape.columns().size()
              + " columns "
              + shape.columns()
              + " got "
              + values.length
              + " values");
    }
    return new SourceRow(shape, values);
  }

  public RowShape shape() {
    return shape;
  }

  public Object get(int index) {
    return values[index];
  }

  public Object get(String column) {
    return values[shape.indexOf(column)];
  }

  /** The row's key; key columns are never null (they are a primary or ordering key). */
  public RowKey key() {
    RowKey known = key;
    if (known == null) {
      int[] indexes = shape.keyIndexes();
      Object[] parts = new Object[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        parts[i] = values[indexes[i]];
      }
      known = RowKey.owning(parts);
      key = known;
    }
    return known;
  }

  /**
   * About how many bytes the row's values take, text and binary by their length: what bounds a
   * fetch and a batch by size as well as by rows.
   */
  public long estimatedBytes() {
    long bytes = 0;
    for (Object value : values) {
      bytes += ValueBytes.of(value);
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceRow r
        && shape.equals(r.shape)
        && Arrays.deepEquals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(shape.table().toString()).append('{');
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(shape.columns().get(i)).append('=');
      out.append(values[i] instanceof byte[] b ? "bytes[" + b.length + "]" : values[i]);
    }
    return out.append('}').toString();
  }

  /** The value as text for a message: strings quoted, long values cut, bytes summarised. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof byte[] b ? "bytes[" + b.length + "]" : value.toString();
    if (text.length() > MAX_DESCRIBED_LENGTH) {
      text = text.substring(0, MAX_DESCRIBED_LENGTH) + "...(" + text.length() + " chars)";
    }
    return value instanceof CharSequence ? "'" + text + "'" : text;
  }
}
