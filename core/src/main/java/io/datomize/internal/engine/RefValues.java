package io.datomize.internal.engine;

import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import java.math.BigDecimal;

/**
 * Refs compared as Datomic resolves them: a decimal in a lookup ref by its value, whatever its
 * scale. A foreign key may hold {@code 1.00} where the row it references holds {@code 1.0} (equal
 * in PostgreSQL), and Datomic resolves {@code [:price/k 1.00M]} to the entity of {@code 1.0M}.
 */
final class RefValues {
  private RefValues() {}

  /** A lookup ref with its decimals stripped of trailing zeros; any other value as it is. */
  static Object comparable(Object value) {
    return value instanceof LookupRef ref
        ? LookupRef.of(ref.attribute(), identity(ref.value()))
        : value;
  }

  private static Object identity(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros();
    }
    if (value instanceof Tuple tuple) {
      return Tuple.of(tuple.values().stream().map(RefValues::identity).toArray());
    }
    return value;
  }
}
