package io.datomize.spi;

import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;

/**
 * About how many bytes a value takes in memory and on the wire: text and binary by their length,
 * anything of fixed size as {@link #FIXED}. Rough on purpose: it bounds batches and fetches, where
 * what matters is that a row of megabytes counts as megabytes.
 */
final class ValueBytes {
  /** A number, an instant, a boolean, a reference to an object. */
  static final long FIXED = 16;

  private ValueBytes() {}

  static long of(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof CharSequence text) {
      return FIXED + text.length();
    }
    if (value instanceof byte[] bytes) {
      return FIXED + bytes.length;
    }
    if (value instanceof BigDecimal decimal) {
      return FIXED + decimal.unscaledValue().bitLength() / 8;
    }
    if (value instanceof BigInteger integer) {
      return FIXED + integer.bitLength() / 8;
    }
    if (value instanceof Collection<?> values) {
      return FIXED + all(values);
    }
    if (value instanceof Tuple tuple) {
      return FIXED + all(tuple.values());
    }
    if (value instanceof LookupRef ref) {
      return FIXED + of(ref.value());
    }
    if (value instanceof UnreadableValue unreadable) {
      return FIXED + unreadable.text().length();
    }
    return FIXED;
  }

  private static long all(Collection<?> values) {
    long sum = 0;
    for (Object value : values) {
      sum += of(value);
    }
    return sum;
  }
}
