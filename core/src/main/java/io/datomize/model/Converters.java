package io.datomize.model;

import io.datomize.target.EnumIdent;
import io.datomize.target.ValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** The built-in {@link ValueConverter}s, and a factory for custom ones. */
public final class Converters {
  private Converters() {}

  /** Text to {@code :db.type/uri}; text that is not an absolute or relative URI is a row error. */
  public static ValueConverter textToUri() {
    return BuiltIn.TEXT_TO_URI;
  }

  /** Text to {@code :db.type/uuid}; text that is not a UUID is a row error. */
  public static ValueConverter textToUuid() {
    return BuiltIn.TEXT_TO_UUID;
  }

  /**
   * JSON text to {@code :db.type/string} in its compact form (insignificant white space removed),
   * so that equal documents are equal strings; text that is not JSON is a row error naming where it
   * goes wrong.
   */
  public static ValueConverter json() {
    return BuiltIn.JSON;
  }

  /**
   * An array of any dimensions to {@code :db.type/string} holding a JSON array: nested arrays for
   * the dimensions, JSON numbers, booleans and strings for the elements (dates and timestamps in
   * ISO-8601, bytes as {@code \x} and hex), null for a null element. By default for columns
   * declaring two or more dimensions, which a cardinality-many attribute (a set of scalars) cannot
   * hold. A NaN or infinite number, which JSON has no number for, is a row error.
   */
  public static ValueConverter arrayToJson() {
    return BuiltIn.ARRAY_TO_JSON;
  }

  /**
   * Any value to its text form: for time, interval, inet and other types Datomic has no type for.
   */
  public static ValueConverter toText() {
    return BuiltIn.TO_TEXT;
  }

  /** Text to a keyword value ({@code :db.type/keyword}) with the given namespace. */
  public static ValueConverter textToKeyword(String namespace) {
    EnumIdent.of(namespace, "probe");
    return custom(
        "text->keyword " + namespace,
        ValueType.KEYWORD,
        v -> EnumIdent.of(namespace, v.toString()));
  }

  /**
   * A converter of your own. Two custom converters are equal when they are the same instance, so
   * keep one instance per conversion (a static final field) for mappings to compare equal.
   */
  public static ValueConverter custom(
      String name, ValueType target, Function<Object, Object> function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(function, "function");
    return new ValueConverter() {
      @Override
      public String id() {
        return name;
      }

      @Override
      public ValueType target() {
        return target;
      }

      @Override
      public Object convert(Object value) {
        return function.apply(value);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private enum BuiltIn implements ValueConverter {
    TEXT_TO_URI("text->uri", ValueType.URI) {
      @Override
      public Object convert(Object value) {
        try {
          return new URI(value.toString());
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("not a URI: " + e.getReason(), e);
        }
      }
    },
    TEXT_TO_UUID("text->uuid", ValueType.UUID) {
      @Override
      public Object convert(Object value) {
        String text = value.toString();
        if (text.length() != 36) {
          throw new IllegalArgumentException(
              "not a UUID (expected 36 characters such as "
                  + "123e4567-e89b-12d3-a456-426614174000)");
        }
        try {
          return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("not a UUID: " + e.getMessage(), e);
        }
      }
    },
    JSON("json", ValueType.STRING) {
      @Override
      public Object convert(Object value) {
        return JsonText.normalize(value.toString());
      }
    },
    ARRAY_TO_JSON("array->json", ValueType.STRING) {
      @Override
      public Object convert(Object value) {
        return ArrayJson.write(value);
      }
    },
    TO_TEXT("to-text", ValueType.STRING) {
      @Override
      public Object convert(Object value) {
        return value.toString();
      }
    };

    private final String converterName;
    private final ValueType target;

    BuiltIn(String converterName, ValueType target) {
      this.converterName = converterName;
      this.target = target;
    }

    @Override
    public String toString() {
      return converterName;
    }

    @Override
    public String id() {
      return converterName;
    }

    @Override
    public ValueType target() {
      return target;
    }
  }
}
