package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import io.datomize.catalog.TypeFamily;
import io.datomize.spi.UnreadableValue;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.postgresql.jdbc.PgArray;

/**
 * Reads one column of a result set into the plain Java value the core expects. Dates and timestamps
 * come from pgjdbc's java.time values. Types whose JDBC mapping is lossy or session-dependent are
 * selected as PostgreSQL's own text form ({@code cast(col as text)}, arrays as {@code text[]},
 * whose elements arrive as text whatever their type) and parsed here; {@link ReadSession} fixes the
 * session settings that text form depends on.
 *
 * <p>Every value PostgreSQL can hold is read: dates and timestamps BC and past year 9999, numerics
 * of any precision, strings of any length, arrays of any dimensions (nested lists) with their null
 * elements. Values that no target can hold still arrive, as sentinels the core's converter rejects
 * with a reason: {@code ±infinity} as {@link LocalDate#MAX}/{@link LocalDate#MIN}, {@link
 * LocalDateTime#MAX}/{@link LocalDateTime#MIN} and {@link Instant#MAX}/{@link Instant#MIN}; numeric
 * {@code NaN} and {@code ±Infinity} as the {@code Double} of the same name. A value that cannot be
 * decoded at all is returned as an {@link UnreadableValue}, so that its row, not the run, fails.
 */
public final class ColumnDecoder {
  private static final DateTimeFormatter DATE = isoForm(false, false);
  private static final DateTimeFormatter TIMESTAMP = isoForm(true, false);
  private static final DateTimeFormatter TIMESTAMP_UTC = isoForm(true, true);

  /** The date part of the text PostgreSQL parses, for years of the era, without the era. */
  private static final DateTimeFormatter DATE_TEXT =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR_OF_ERA, 4, 9, SignStyle.NOT_NEGATIVE)
          .appendPattern("-MM-dd")
          .toFormatter(Locale.ROOT);

  private final PgColumn column;

  public ColumnDecoder(PgColumn column) {
    this.column = column;
  }

  public PgColumn column() {
    return column;
  }

  /**
   * The expression to select for this column. Types read as their text are read as their output
   * function prints them, which is what logical decoding sends: a cast to text is not always that
   * ({@code inet '10.0.0.1'::text} is {@code 10.0.0.1/32}), but {@code format('%s', ..)} and an
   * array's own text are.
   */
  public Field<?> selected() {
    Field<Object> plain = field(name(column.name()));
    if (column.type().isArray()) {
      return family() == TypeFamily.OTHER
          ? plain.cast(SQLDataType.CLOB).cast(SQLDataType.CLOB.array())
          : plain.cast(SQLDataType.CLOB.array());
    }
    return switch (family()) {
      case NUMERIC ->
          isMoney()
              ? plain.cast(SQLDataType.NUMERIC).cast(SQLDataType.CLOB)
              : plain.cast(SQLDataType.CLOB);
      case TIME, INTERVAL -> plain.cast(SQLDataType.CLOB);
      case OTHER ->
          when(plain.isNull(), inline((String) null))
              .otherwise(field("format('%s', {0})", String.class, plain));
      default -> plain;
    };
  }

  /**
   * The value at {@code index}, null for SQL NULL, or an {@link UnreadableValue} holding the text
   * of a value that cannot be decoded.
   */
  public Object read(ResultSet rs, int index) {
    try {
      return decode(rs, index);
    } catch (IllegalArgumentException | SQLException e) {
      // the row's values are already fetched, so a failure here is about this value, not the
      // connection
      return unreadable(text(rs, index), e);
    }
  }

  /**
   * The value of PostgreSQL's text form of it (as logical decoding sends it, printed under {@link
   * ReadSession}'s settings), decoded into the same Java value as {@link #read}; null stays null.
   * Arrays are split by pgjdbc as {@code text[]}, which needs one of its connections (no round
   * trip).
   */
  public Object readText(String text, BaseConnection connection) {
    if (text == null) {
      return null;
    }
    try {
      if (column.type().isArray()) {
        return toList((Object[]) new PgArray(connection, Oid.TEXT_ARRAY, text).getArray());
      }
      return parse(text);
    } catch (IllegalArgumentException | SQLException e) {
      return unreadable(text, e);
    }
  }

  private UnreadableValue unreadable(String text, Exception e) {
    return UnreadableValue.of(
        text,
        "cannot decode this "
            + column.type()
            + " value ("
            + e.getMessage()
            + "); cast the column to text in a view and read the view, or leave the column out");
  }

  /** The value as PostgreSQL prints it, or its bytes in hex when even that cannot be decoded. */
  private static String text(ResultSet rs, int index) {
    try {
      return rs.getString(index);
    } catch (SQLException | RuntimeException notText) {
      try {
        return "\\x" + HexFormat.of().formatHex(rs.getBytes(index));
      } catch (SQLException | RuntimeException notBytes) {
        return "(value not readable: " + notBytes.getMessage() + ")";
      }
    }
  }

  private Object decode(ResultSet rs, int index) throws SQLException {
    if (column.type().isArray()) {
      Array array = rs.getArray(index);
      if (array == null) {
        return null;
      }
      try {
        return toList((Object[]) array.getArray());
      } finally {
        array.free();
      }
    }
    Object value =
        switch (family()) {
          case INTEGER -> rs.getLong(index);
          case REAL -> rs.getFloat(index);
          case DOUBLE -> rs.getDouble(index);
          case BOOLEAN -> rs.getBoolean(index);
          case BYTEA -> rs.getBytes(index);
          case UUID -> rs.getObject(index, UUID.class);
          // pgjdbc reads BC and far-off years, and gives ±infinity as the types' MAX and MIN, text
          // or binary transfer
          case DATE -> rs.getObject(index, LocalDate.class);
          case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
          case TIMESTAMPTZ -> instant(rs.getObject(index, OffsetDateTime.class));
          case TEXT, ENUM, JSON, JSONB -> rs.getString(index);
          default -> {
            String text = rs.getString(index);
            yield text == null ? null : parse(text);
          }
        };
    return rs.wasNull() ? null : value;
  }

  /**
   * A value of this column's Java type (a row key value, a watermark, a lookup candidate) as an SQL
   * value of the column's own type, {@code cast('...' as type)}, so that it compares as the column
   * does and an index on the column serves the comparison.
   */
  public Field<Object> literal(Object value) {
    return field(
        "cast({0} as {1})",
        Object.class, val(text(value)), name(column.typeSchema(), column.typeName()));
  }

  /**
   * The PostgreSQL input text of a value of the Java type this decoder reads: dates and timestamps
   * in ISO form with {@code BC} for years before 1 AD and {@code infinity} for the sentinels that
   * stand for it, so every value read can be written back.
   */
  public static String text(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDate d) {
      return d.equals(LocalDate.MAX) ? "infinity" : d.equals(LocalDate.MIN) ? "-infinity" : iso(d);
    }
    if (value instanceof LocalDateTime t) {
      return t.equals(LocalDateTime.MAX)
          ? "infinity"
          : t.equals(LocalDateTime.MIN) ? "-infinity" : iso(t);
    }
    if (value instanceof Instant t) {
      return t.equals(Instant.MAX)
          ? "infinity"
          : t.equals(Instant.MIN) ? "-infinity" : iso(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
    return value.toString();
  }

  private static String iso(LocalDate date) {
    return DATE_TEXT.format(date) + (date.getYear() <= 0 ? " BC" : "");
  }

  private static String iso(LocalDateTime time) {
    return DATE_TEXT.format(time)
        + " "
        + DateTimeFormatter.ISO_LOCAL_TIME.format(time)
        + (time.getYear() <= 0 ? " BC" : "");
  }

  private List<Object> toList(Object[] elements) {
    List<Object> values = new ArrayList<>(elements.length);
    for (Object element : elements) {
      if (element instanceof Object[] nested) {
        values.add(toList(nested));
      } else {
        values.add(element == null ? null : parse((String) element));
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** Parses PostgreSQL's text form of a value (DateStyle ISO, TimeZone UTC, bytea_output hex). */
  Object parse(String text) {
    try {
      return switch (family()) {
        case INTEGER -> Long.valueOf(text);
        case NUMERIC -> numeric(isMoney() ? moneyAmount(text) : text);
        case REAL -> Float.valueOf(text);
        case DOUBLE -> Double.valueOf(text);
        case BOOLEAN -> text.equals("t") || text.equals("true");
        case DATE -> date(text);
        case TIMESTAMP -> timestamp(text);
        case TIMESTAMPTZ -> timestampWithZone(text);
        case UUID -> UUID.fromString(text);
        case BYTEA -> HexFormat.of().parseHex(text, 2, text.length());
        case TEXT, ENUM, JSON, JSONB, TIME, INTERVAL, OTHER -> text;
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
  }

  /**
   * numeric also holds NaN and ±Infinity, which BigDecimal cannot: they become doubles for the
   * mapping to judge.
   */
  private boolean isMoney() {
    return column.typeName().equals("money");
  }

  /**
   * The amount of money as logical decoding prints it under {@link ReadSession}'s C monetary
   * locale: {@code $1,234.50}, {@code -$1,234.50}.
   */
  private static String moneyAmount(String text) {
    return text.replace("$", "").replace(",", "");
  }

  private static Object numeric(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> new BigDecimal(text);
    };
  }

  private static LocalDate date(String text) {
    return switch (text) {
      case "infinity" -> LocalDate.MAX;
      case "-infinity" -> LocalDate.MIN;
      default -> LocalDate.parse(text, DATE);
    };
  }

  private static Instant instant(OffsetDateTime value) {
    if (value == null) {
      return null;
    }
    return value.equals(OffsetDateTime.MAX)
        ? Instant.MAX
        : value.equals(OffsetDateTime.MIN) ? Instant.MIN : value.toInstant();
  }

  /**
   * A local date-time: the mapping's zone turns it into an instant, so one setting rules dates and
   * timestamps.
   */
  private static LocalDateTime timestamp(String text) {
    return switch (text) {
      case "infinity" -> LocalDateTime.MAX;
      case "-infinity" -> LocalDateTime.MIN;
      default -> LocalDateTime.parse(text, TIMESTAMP);
    };
  }

  private static Instant timestampWithZone(String text) {
    if (text.equals("infinity") || text.equals("-infinity")) {
      return text.startsWith("-") ? Instant.MIN : Instant.MAX;
    }
    return LocalDateTime.parse(text, TIMESTAMP_UTC).toInstant(ZoneOffset.UTC);
  }

  /**
   * PostgreSQL's ISO form of a date or timestamp: a year of four digits or more, and {@code BC}
   * after the whole value. The year before 1 AD is 1 BC, as in java.time's proleptic calendar,
   * which PostgreSQL also uses.
   */
  private static DateTimeFormatter isoForm(boolean time, boolean utc) {
    DateTimeFormatterBuilder form =
        new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 9, SignStyle.NOT_NEGATIVE)
            .appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2);
    if (time) {
      form.appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME);
    }
    if (utc) {
      // the read session's time zone is UTC, so every offset PostgreSQL prints is +00
      form.appendLiteral("+00");
    }
    return form.optionalStart()
        .appendLiteral(' ')
        .appendText(ChronoField.ERA, Map.of(0L, "BC"))
        .optionalEnd()
        .parseDefaulting(ChronoField.ERA, 1)
        .toFormatter(Locale.ROOT)
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private TypeFamily family() {
    return column.type().family();
  }
}
