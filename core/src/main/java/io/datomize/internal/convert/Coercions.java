package io.datomize.internal.convert;

import io.datomize.model.AttributeMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.MappingOptions;
import io.datomize.model.ValueConverter;
import io.datomize.spi.SourceRow;
import io.datomize.spi.UnreadableValue;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the {@link Coercion} of an attribute once, so that converting a value is a few type
 * checks.
 */
final class Coercions {
  private final ZoneId zone;
  private final MappingOptions options;

  Coercions(ZoneId zone, MappingOptions options) {
    this.zone = zone;
    this.options = options;
  }

  /**
   * The attribute's converter (if any), then its enum mapping or value type; per element for
   * cardinality-many. A value the reader could not decode is refused before any of them sees it.
   */
  Coercion forAttribute(AttributeMapping attribute) {
    String column = attribute.column();
    Coercion element = forValues(attribute);
    if (attribute.converter().isPresent()) {
      element = converting(column, attribute.converter().get(), element);
    }
    return readable(
        column,
        attribute.cardinality() == Cardinality.MANY
            ? many(column, readable(column, element))
            : element);
  }

  /**
   * As {@link #forAttribute} without the converter: for default values, which are of the
   * attribute's type.
   */
  Coercion forDefault(AttributeMapping attribute) {
    Coercion element = forValues(attribute);
    return attribute.cardinality() == Cardinality.MANY
        ? many(attribute.column(), element)
        : element;
  }

  private Coercion forValues(AttributeMapping attribute) {
    return attribute.enumMapping().isPresent()
        ? toEnum(attribute.column(), attribute.enumMapping().get())
        : toType(attribute.column(), attribute.valueType());
  }

  /**
   * Source values of the Java types a reader gives to values of {@code type}'s {@link
   * ValueType#javaType()}.
   */
  Coercion toType(String column, ValueType type) {
    return switch (type) {
      case LONG ->
          v -> {
            if (v instanceof Long) {
              return v;
            }
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
              return ((Number) v).longValue();
            }
            throw wrongType(column, v, type);
          };
      case BIGINT ->
          v -> {
            if (v instanceof BigInteger) {
              return v;
            }
            if (v instanceof Long
                || v instanceof Integer
                || v instanceof Short
                || v instanceof Byte) {
              return BigInteger.valueOf(((Number) v).longValue());
            }
            throw wrongType(column, v, type);
          };
      case BIGDEC ->
          v -> {
            if (v instanceof BigDecimal) {
              return v;
            }
            if ((v instanceof Double d && !Double.isFinite(d))
                || (v instanceof Float f && !Float.isFinite(f))) {
              throw RowFailure.of(
                  column,
                  v,
                  v
                      + " cannot be a :db.type/bigdec value, which has no NaN or infinity"
                      + " (whatever allowNonFiniteNumbers says); clean the value in the source, or carry the column as text"
                      + " with .converted(Converters.toText())");
            }
            if (v instanceof BigInteger i) {
              return new BigDecimal(i);
            }
            if (v instanceof Long
                || v instanceof Integer
                || v instanceof Short
                || v instanceof Byte) {
              return BigDecimal.valueOf(((Number) v).longValue());
            }
            throw wrongType(column, v, type);
          };
      case DOUBLE ->
          v -> {
            if (v instanceof Double d) {
              return finite(column, d, d);
            }
            if (v instanceof Float f) {
              // through the float's shortest decimal form, so a real 0.1 stays 0.1 rather than
              // 0.10000000149011612
              return finite(column, f, Double.parseDouble(Float.toString(f)));
            }
            throw wrongType(column, v, type);
          };
      case FLOAT ->
          v -> {
            if (v instanceof Float f) {
              return finite(column, f, f);
            }
            if (v instanceof Double d) {
              float narrowed = d.floatValue();
              if (Float.isInfinite(narrowed) && !Double.isInfinite(d)) {
                throw RowFailure.of(
                    column,
                    v,
                    "is out of the range of :db.type/float; map the column as :db.type/double");
              }
              return finite(column, d, narrowed);
            }
            throw wrongType(column, v, type);
          };
      case BOOLEAN -> exactly(column, type, Boolean.class);
      case STRING -> exactly(column, type, String.class);
      case KEYWORD -> exactly(column, type, EnumIdent.class);
      case UUID -> exactly(column, type, UUID.class);
      case URI -> exactly(column, type, URI.class);
      case BYTES -> exactly(column, type, byte[].class);
      case INSTANT -> v -> instant(v, column, type).truncatedTo(ChronoUnit.MILLIS);
      case REF, TUPLE ->
          throw new IllegalArgumentException(
              "column "
                  + column
                  + ": no plain value is of type "
                  + type.ident()
                  + "; map a foreign key as a ref, or an enum column with an enum mapping");
    };
  }

  /**
   * Datomic instants keep milliseconds, so sub-millisecond digits are dropped here, where
   * verification sees it too; plans warn about it for every timestamp column.
   */
  private Instant instant(Object v, String column, ValueType type) {
    if (v.equals(Instant.MAX) || v.equals(LocalDateTime.MAX) || v.equals(LocalDate.MAX)) {
      return infinity(column, true);
    }
    if (v.equals(Instant.MIN) || v.equals(LocalDateTime.MIN) || v.equals(LocalDate.MIN)) {
      return infinity(column, false);
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof LocalDateTime t) {
      return t.atZone(zone).toInstant();
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    throw wrongType(column, v, type);
  }

  /**
   * The instant the mapping gives {@code infinity} or {@code -infinity}, which the reader reads as
   * MAX or MIN.
   */
  private Instant infinity(String column, boolean positive) {
    Optional<Instant> chosen = positive ? options.positiveInfinity() : options.negativeInfinity();
    String name = positive ? "infinity" : "-infinity";
    return chosen.orElseThrow(
        () ->
            new RowFailure(
                column,
                name,
                "Datomic instants have no "
                    + name
                    + "; map"
                    + " infinite dates and timestamps to chosen instants with the mapping option .infinityAs(negative, positive)"
                    + " (MappingOptions negativeInfinity and positiveInfinity), or clean the value in the source"));
  }

  private static Coercion exactly(String column, ValueType type, Class<?> javaType) {
    return v -> {
      if (javaType.isInstance(v)) {
        return v;
      }
      throw wrongType(column, v, type);
    };
  }

  private Object finite(String column, Object source, Number value) {
    double d = value.doubleValue();
    if (!options.allowNonFiniteNumbers() && (Double.isNaN(d) || Double.isInfinite(d))) {
      throw RowFailure.of(
          column,
          source,
          "NaN and infinite numbers are refused unless the mapping allows them"
              + " (MappingOptions.allowNonFiniteNumbers); clean the value or allow non-finite numbers");
    }
    return value;
  }

  static RowFailure wrongType(String column, Object value, ValueType type) {
    if (value instanceof UnreadableValue u) {
      return unreadable(column, u);
    }
    if (value instanceof List<?>) {
      return RowFailure.of(
          column,
          value,
          "an array cannot be one " + type.ident() + " value; map the column as cardinality-many");
    }
    return RowFailure.of(
        column,
        value,
        "a "
            + value.getClass().getName()
            + " cannot be a "
            + type.ident()
            + " value; map the column to a matching value type or give it a converter");
  }

  private static Coercion toEnum(String column, EnumMapping mapping) {
    Map<String, EnumIdent> idents = new HashMap<>(mapping.values());
    EnumIdent fallback = mapping.fallback().orElse(null);
    String known = String.join(", ", mapping.values().keySet());
    return v -> {
      if (!(v instanceof String
          || v instanceof Number
          || v instanceof Boolean
          || v instanceof EnumIdent)) {
        throw RowFailure.of(column, v, "a " + v.getClass().getName() + " cannot be an enum value");
      }
      if (v instanceof EnumIdent) {
        return v;
      }
      String label = v.toString();
      EnumIdent ident = idents.get(label);
      if (ident != null) {
        return ident;
      }
      if (fallback != null) {
        return fallback;
      }
      throw RowFailure.of(
          column,
          v,
          "unknown enum value "
              + SourceRow.describe(label)
              + ", not one of ["
              + known
              + "]; add it to the enum mapping or give the mapping a fallback");
    };
  }

  private static Coercion converting(String column, ValueConverter converter, Coercion then) {
    return v -> {
      Object converted;
      try {
        converted = converter.convert(v);
      } catch (RuntimeException e) {
        throw RowFailure.of(
            column, v, "converter " + converter.id() + " failed: " + e.getMessage());
      }
      if (converted == null) {
        throw RowFailure.of(column, v, "converter " + converter.id() + " gave no value (null)");
      }
      return then.apply(converted);
    };
  }

  /**
   * Refuses a value the reader could not decode, with the reader's reason, before any coercion sees
   * it.
   */
  private static Coercion readable(String column, Coercion then) {
    return v -> {
      if (v instanceof UnreadableValue u) {
        throw unreadable(column, u);
      }
      return then.apply(v);
    };
  }

  private static RowFailure unreadable(String column, UnreadableValue value) {
    return RowFailure.of(
        column, value.text(), "the source value cannot be read: " + value.reason());
  }

  private Coercion many(String column, Coercion element) {
    boolean dropNulls = options.dropNullArrayElements();
    return v -> {
      if (!(v instanceof List<?> list)) {
        throw RowFailure.of(
            column,
            v,
            "a cardinality-many attribute takes an array (java.util.List), not a "
                + v.getClass().getName());
      }
      List<Object> values = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null) {
          if (dropNulls) {
            continue;
          }
          throw RowFailure.of(
              column,
              v,
              "array element "
                  + i
                  + " is null, and Datomic has no nil; drop null"
                  + " elements with the mapping option .dropNullArrayElements(), or remove them in the source"
                  + " (array_remove("
                  + column
                  + ", NULL))");
        }
        if (item instanceof List<?>) {
          throw RowFailure.of(
              column,
              v,
              "array element "
                  + i
                  + " is itself an array, but the column declares one"
                  + " dimension and a cardinality-many attribute holds a set of single values; declare the column's"
                  + " dimensions in the source (e.g. integer[][]) so that its values are carried as JSON text, or fix"
                  + " the row");
        }
        values.add(element.apply(item));
      }
      return Collections.unmodifiableList(values);
    };
  }
}
