package io.datomize.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The key of a source row in read order (its primary key values, or the ordering key chosen for a
 * table without one). It is the cursor that keyset pagination continues after, and it is stored
 * with each committed batch as a checkpoint, so it has a lossless text form: {@link #encode()} and
 * {@link #decode(String)} keep each value's Java type.
 */
public final class RowKey {
  private final Object[] values;

  private RowKey(Object[] values) {
    this.values = values;
  }

  public static RowKey of(Object... values) {
    return owning(values.clone());
  }

  /**
   * A key of {@code values}, which nobody else may change: no copy, since every source row makes a
   * key.
   */
  static RowKey owning(Object[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a row key has at least one value");
    }
    for (Object value : values) {
      Objects.requireNonNull(
          value, () -> "row key values must not be null: " + Arrays.toString(values));
      tag(value);
    }
    return new RowKey(values);
  }

  public int size() {
    return values.length;
  }

  public Object get(int index) {
    return values[index];
  }

  public List<Object> values() {
    return List.of(values);
  }

  /**
   * The key for a message, {@code id=42, at=infinity}: each value named by its column ({@code
   * key<n>} past the names given), the reader's stand-ins for infinite dates and timestamps as
   * PostgreSQL prints them.
   */
  public String describe(List<String> columns) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ")
          .append(i < columns.size() ? columns.get(i) : "key" + i)
          .append('=')
          .append(text(values[i]));
    }
    return out.toString();
  }

  /** A key value for a message, the infinities as PostgreSQL prints them. */
  public static String text(Object value) {
    if (value.equals(Instant.MAX)
        || value.equals(LocalDateTime.MAX)
        || value.equals(LocalDate.MAX)) {
      return "infinity";
    }
    if (value.equals(Instant.MIN)
        || value.equals(LocalDateTime.MIN)
        || value.equals(LocalDate.MIN)) {
      return "-infinity";
    }
    return value.toString();
  }

  /** The text form: each value as {@code <type tag><length>:<text>}, so no value needs escaping. */
  public String encode() {
    StringBuilder out = new StringBuilder();
    for (Object value : values) {
      // BigDecimal's toString, unlike toPlainString, keeps a negative scale (1E+3), so the decoded
      // value is equal
      String text = value.toString();
      out.append(tag(value)).append(text.length()).append(':').append(text);
    }
    return out.toString();
  }

  /** The inverse of {@link #encode()}. */
  public static RowKey decode(String encoded) {
    java.util.ArrayList<Object> parsed = new java.util.ArrayList<>();
    int at = 0;
    try {
      while (at < encoded.length()) {
        char tag = encoded.charAt(at);
        int colon = encoded.indexOf(':', at + 1);
        int length = Integer.parseInt(encoded.substring(at + 1, colon));
        String text = encoded.substring(colon + 1, colon + 1 + length);
        parsed.add(parse(tag, text));
        at = colon + 1 + length;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an encoded row key: '" + encoded + "'", e);
    }
    return of(parsed.toArray());
  }

  private static char tag(Object value) {
    if (value instanceof Long) return 'L';
    if (value instanceof Integer) return 'I';
    if (value instanceof Short) return 'H';
    if (value instanceof String) return 'S';
    if (value instanceof BigDecimal) return 'D';
    // a double's and a float's toString are the shortest text that parses back to the same value,
    // NaN and the infinities included
    if (value instanceof Double) return 'F';
    if (value instanceof Float) return 'f';
    if (value instanceof UUID) return 'U';
    if (value instanceof Boolean) return 'B';
    if (value instanceof Instant) return 'T';
    if (value instanceof OffsetDateTime) return 'Z';
    if (value instanceof LocalDateTime) return 't';
    if (value instanceof LocalDate) return 'd';
    throw new IllegalArgumentException(
        "a row key value cannot be of type "
            + value.getClass().getName()
            + " ("
            + value
            + "); choose key columns of integer, numeric, floating-point, text, uuid, boolean, date or"
            + " timestamp type");
  }

  private static Object parse(char tag, String text) {
    return switch (tag) {
      case 'L' -> Long.valueOf(text);
      case 'I' -> Integer.valueOf(text);
      case 'H' -> Short.valueOf(text);
      case 'S' -> text;
      case 'D' -> new BigDecimal(text);
      case 'F' -> Double.valueOf(text);
      case 'f' -> Float.valueOf(text);
      case 'U' -> UUID.fromString(text);
      case 'B' -> Boolean.valueOf(text);
      case 'T' -> Instant.parse(text);
      case 'Z' -> OffsetDateTime.parse(text);
      case 't' -> LocalDateTime.parse(text);
      case 'd' -> LocalDate.parse(text);
      default -> throw new IllegalArgumentException("unknown type tag '" + tag + "'");
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowKey k && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** The values joined by commas, as a reader would name the row: {@code 42} or {@code 7,12}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ",").append(values[i]);
    }
    return out.toString();
  }
}
