package io.datomize.spi;

import java.util.Objects;

/**
 * A read of only the rows changed since a watermark: those whose {@code column} is at least {@code
 * value}, or null. Rows equal to the watermark are read again, since a row may have been written
 * with the same value after the watermark was taken; rows without a value are always read, since
 * nothing says they did not change.
 *
 * @param value a key of one value, of the type {@link RowSource#highWatermark} returned
 */
public record ChangedSince(String column, RowKey value) {
  public ChangedSince {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
    if (value.size() != 1) {
      throw new IllegalArgumentException("a watermark is one value, got " + value);
    }
  }
}
