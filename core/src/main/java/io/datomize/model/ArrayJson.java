package io.datomize.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.datomize.spi.UnreadableValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An array value, of any dimensions, as compact JSON text: nested arrays for dimensions, JSON
 * numbers, booleans and strings for the elements, null for a null element.
 */
final class ArrayJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ArrayJson() {}

  /**
   * @throws IllegalArgumentException for a value that is not an array, or an element JSON cannot
   *     hold
   */
  static String write(Object value) {
    if (!(value instanceof List<?>)) {
      throw new IllegalArgumentException("not an array but a " + value.getClass().getName());
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      element(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to a string", e);
    }
    return out.toString();
  }

  private static void element(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        element(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            "element " + value + " has no JSON number; clean the value in the source");
      }
      // a real's shortest decimal form, so that 0.1 stays 0.1
      json.writeNumber(value.toString());
    } else if (value instanceof UnreadableValue u) {
      throw new IllegalArgumentException("element " + u.text() + " cannot be read: " + u.reason());
    } else if (value instanceof byte[] bytes) {
      json.writeString("\\x" + HexFormat.of().formatHex(bytes));
    } else {
      json.writeString(infinity(value).orElseGet(value::toString));
    }
  }

  /**
   * The reader's stand-ins for PostgreSQL's infinite dates and timestamps, as PostgreSQL prints
   * them.
   */
  private static Optional<String> infinity(Object value) {
    if (value.equals(LocalDate.MAX)
        || value.equals(LocalDateTime.MAX)
        || value.equals(Instant.MAX)) {
      return Optional.of("infinity");
    }
    if (value.equals(LocalDate.MIN)
        || value.equals(LocalDateTime.MIN)
        || value.equals(Instant.MIN)) {
      return Optional.of("-infinity");
    }
    return Optional.empty();
  }
}
