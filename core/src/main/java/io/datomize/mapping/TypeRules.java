package io.datomize.mapping;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.Converters;
import io.datomize.model.ValueConverter;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Which Datomic value types a SQL type family maps to, by default and at all. */
final class TypeRules {
  private TypeRules() {}

  /**
   * The value type a column gets when nothing is said; REF for an enum type (which then needs enum
   * values), STRING for a multidimensional array (carried as JSON text).
   */
  static ValueType defaultType(ColumnType type) {
    if (isMultidimensional(type)) {
      return ValueType.STRING;
    }
    return switch (type.family()) {
      case INTEGER -> ValueType.LONG;
      case NUMERIC -> ValueType.BIGDEC;
      case REAL, DOUBLE -> ValueType.DOUBLE;
      case BOOLEAN -> ValueType.BOOLEAN;
      case DATE, TIMESTAMP, TIMESTAMPTZ -> ValueType.INSTANT;
      case UUID -> ValueType.UUID;
      case BYTEA -> ValueType.BYTES;
      case ENUM -> ValueType.REF;
      case TEXT, JSON, JSONB, TIME, INTERVAL, OTHER -> ValueType.STRING;
    };
  }

  /**
   * Types Datomic has no type for are carried as their text, multidimensional arrays as JSON text.
   */
  static Optional<ValueConverter> defaultConverter(ColumnType type) {
    if (isMultidimensional(type)) {
      return Optional.of(Converters.arrayToJson());
    }
    return needsConverter(type.family()) ? Optional.of(Converters.toText()) : Optional.empty();
  }

  /**
   * Cardinality many for a one-dimensional array, whose elements become a set of values; one for
   * anything else, a multidimensional array included, since Datomic has no set of sets.
   */
  static Cardinality cardinality(ColumnType type) {
    return type.dimensions() == 1 ? Cardinality.MANY : Cardinality.ONE;
  }

  static boolean isMultidimensional(ColumnType type) {
    return type.dimensions() > 1;
  }

  private static boolean needsConverter(TypeFamily family) {
    return family == TypeFamily.TIME || family == TypeFamily.INTERVAL || family == TypeFamily.OTHER;
  }

  /** The value types a column's values can be loaded as without a converter. */
  static Set<ValueType> compatible(ColumnType type, boolean enumMapped) {
    if (isMultidimensional(type)) {
      return EnumSet.noneOf(ValueType.class);
    }
    return switch (type.family()) {
      case INTEGER -> EnumSet.of(ValueType.LONG, ValueType.BIGINT);
      case REAL, DOUBLE -> EnumSet.of(ValueType.DOUBLE, ValueType.FLOAT);
      case TEXT -> enumMapped ? EnumSet.of(ValueType.REF) : EnumSet.of(ValueType.STRING);
      case ENUM -> enumMapped ? EnumSet.of(ValueType.REF) : EnumSet.of(ValueType.STRING);
      case TIME, INTERVAL, OTHER -> EnumSet.noneOf(ValueType.class);
      default -> EnumSet.of(defaultType(type));
    };
  }

  /** Whether values of this type can be turned into enum idents: text and enum types only. */
  static boolean enumSource(ColumnType type) {
    return type.family() == TypeFamily.TEXT || type.family() == TypeFamily.ENUM;
  }

  /**
   * The value type of a key column in an identity, or empty when it cannot be part of one. A type
   * Datomic has none for (inet, interval, time, a range...) identifies by its text: PostgreSQL
   * prints distinct values of a key distinctly, and a foreign key that references it prints the
   * same text.
   */
  static Optional<ValueType> identityType(ColumnType type) {
    if (type.isArray() || type.family() == TypeFamily.BYTEA) {
      return Optional.empty();
    }
    return Optional.of(type.family() == TypeFamily.ENUM ? ValueType.STRING : defaultType(type));
  }
}
