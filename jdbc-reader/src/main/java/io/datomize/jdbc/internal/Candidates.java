package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.and;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.spi.RowKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The condition of a lookup, that the match columns equal one of the candidates: {@code exists
 * (select 1 from unnest(cast(? as t1[]), cast(? as t2[])) as c(c1, c2) where m1 = c1 and m2 = c2)}.
 * A timestamp column matches every value of the candidate's millisecond, since the target's
 * instants keep no finer digits. One array per column whatever the number of candidates keeps the
 * statement small, and the candidates are cast to the columns' own types, so an index on the match
 * columns serves the join.
 *
 * <p>Candidates come in the target's Java types ({@code Long} for any integer, {@code Instant} at
 * the request's zone for dates and timestamps) and are converted to the values the reader reads
 * from each column first. A candidate that no value of its column can equal (out of the type's
 * range, finer than its scale or precision, not one of its enum labels) is left out rather than
 * failing the cast; a candidate of a Java type the column cannot be compared with is an error, not
 * a mismatch, since a lookup that matched nothing would read as rows deleted.
 */
public final class Candidates {
  private static final String CANDIDATES = "datomize:candidates";
  // PostgreSQL's range of dates and timestamps, from the Julian day 0 (4714-11-24 BC)
  private static final LocalDate FIRST_DATE = LocalDate.of(-4713, 11, 24);
  private static final LocalDate LAST_DATE = LocalDate.of(5874897, 12, 31);
  private static final LocalDateTime FIRST_TIMESTAMP = FIRST_DATE.atStartOfDay();
  private static final LocalDateTime LAST_TIMESTAMP =
      LocalDateTime.of(LocalDate.of(294276, 12, 31), LocalTime.of(23, 59, 59, 999_999_000));

  private Candidates() {}

  /**
   * The condition on {@code columns} (read through their decoders), empty when no candidate can
   * match.
   *
   * @param enumLabels the labels of an enum column's type
   */
  public static Optional<Condition> condition(
      TableName table,
      List<ColumnDecoder> columns,
      List<RowKey> candidates,
      ZoneId zone,
      Function<PgColumn, Set<String>> enumLabels) {
    List<Set<String>> labels = new ArrayList<>();
    for (ColumnDecoder decoder : columns) {
      PgColumn column = decoder.column();
      labels.add(column.type().enumType().isPresent() ? enumLabels.apply(column) : Set.of());
    }
    Set<List<String>> texts = new LinkedHashSet<>();
    for (RowKey candidate : candidates) {
      List<String> text = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size() && text.size() == i; i++) {
        value(table, columns.get(i).column(), candidate.get(i), labels.get(i), zone)
            .map(ColumnDecoder::text)
            .ifPresent(text::add);
      }
      if (text.size() == columns.size()) {
        texts.add(text);
      }
    }
    if (texts.isEmpty()) {
      return Optional.empty();
    }
    List<Field<?>> arrays = new ArrayList<>();
    String[] names = new String[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      int index = i;
      PgColumn column = columns.get(i).column();
      String[] values = texts.stream().map(t -> t.get(index)).toArray(String[]::new);
      arrays.add(
          field(
              "cast({0} as {1}[])",
              Object.class, val(values), name(column.typeSchema(), column.typeName())));
      names[i] = "datomize:candidate" + i;
    }
    Table<?> unnested = table("unnest({0})", list(arrays)).as(CANDIDATES, names);
    List<Condition> matches = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      PgColumn column = columns.get(i).column();
      Field<Object> value = field(name(column.name()));
      Field<Object> candidate = field(name(CANDIDATES, names[i]));
      TypeFamily family = column.type().family();
      // the target keeps milliseconds (an instant), the column microseconds: the candidate names
      // every value of its millisecond
      matches.add(
          family == TypeFamily.TIMESTAMP || family == TypeFamily.TIMESTAMPTZ
              ? DSL.condition(
                  "{0} >= {1} and {0} < {1} + interval '1 millisecond'", value, candidate)
              : value.eq(candidate));
    }
    return Optional.of(exists(selectOne().from(unnested).where(and(matches))));
  }

  /** The candidate as the reader reads the column's values, empty when none can equal it. */
  private static Optional<Object> value(
      TableName table, PgColumn column, Object candidate, Set<String> labels, ZoneId zone) {
    ColumnType type = column.type();
    if (type.isArray()) {
      throw unsupported(table, column);
    }
    Optional<Object> value =
        switch (type.family()) {
          case INTEGER -> integer(column, candidate);
          case NUMERIC -> numeric(type, candidate);
          case REAL, DOUBLE ->
              candidate instanceof Double || candidate instanceof Float
                  ? Optional.of(candidate)
                  : null;
          // identified by their text, which the cast reads back
          case TEXT, JSONB, TIME, INTERVAL, OTHER -> candidate instanceof String s ? text(s) : null;
          case ENUM -> candidate instanceof String s ? text(s).filter(labels::contains) : null;
          case UUID -> candidate instanceof UUID ? Optional.of(candidate) : null;
          case BOOLEAN -> candidate instanceof Boolean ? Optional.of(candidate) : null;
          case DATE -> date(candidate, zone);
          case TIMESTAMP -> timestamp(candidate, zone);
          case TIMESTAMPTZ -> timestampWithZone(candidate);
          default -> throw unsupported(table, column);
        };
    // null, not empty: a candidate of a Java type this column's values never have
    if (value == null) {
      throw new IllegalArgumentException(
          "a candidate for column "
              + column.name()
              + " of "
              + table
              + " ("
              + type
              + ") cannot be a "
              + candidate.getClass().getName()
              + " ("
              + candidate
              + ")");
    }
    return value;
  }

  private static IllegalArgumentException unsupported(TableName table, PgColumn column) {
    return new IllegalArgumentException(
        "cannot look up rows of "
            + table
            + " by column "
            + column.name()
            + " of type "
            + column.type()
            + "; match columns must be of a type an identity can hold, not an array nor bytea");
  }

  private static Optional<Object> integer(PgColumn column, Object candidate) {
    if (!(candidate instanceof Long
        || candidate instanceof Integer
        || candidate instanceof Short)) {
      return null;
    }
    long value = ((Number) candidate).longValue();
    boolean fits =
        switch (column.typeName()) {
          case "int2" -> value == (short) value;
          case "int4" -> value == (int) value;
          default -> true;
        };
    return fits ? Optional.of(value) : Optional.empty();
  }

  private static Optional<Object> numeric(ColumnType type, Object candidate) {
    BigDecimal value;
    if (candidate instanceof BigDecimal d) {
      value = d;
    } else if (candidate instanceof Long || candidate instanceof Integer) {
      value = BigDecimal.valueOf(((Number) candidate).longValue());
    } else {
      return null;
    }
    if (type.scale().isPresent()) {
      int scale = type.scale().get();
      if (value.signum() != 0 && value.stripTrailingZeros().scale() > scale) {
        return Optional.empty();
      }
      value = value.setScale(scale, RoundingMode.UNNECESSARY);
      if (type.precision().isPresent() && value.precision() > type.precision().get()) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /** PostgreSQL's text cannot hold the NUL character. */
  private static Optional<Object> text(String candidate) {
    return candidate.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(candidate);
  }

  private static Optional<Object> date(Object candidate, ZoneId zone) {
    LocalDate date;
    if (candidate instanceof LocalDate d) {
      date = d;
    } else if (candidate instanceof Instant instant) {
      LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
      if (!local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
        return Optional.empty();
      }
      date = local.toLocalDate();
    } else {
      return null;
    }
    boolean sentinel = date.equals(LocalDate.MAX) || date.equals(LocalDate.MIN);
    return sentinel || !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE)
        ? Optional.of(date)
        : Optional.empty();
  }

  private static Optional<Object> timestamp(Object candidate, ZoneId zone) {
    LocalDateTime time;
    if (candidate instanceof LocalDateTime t) {
      time = t;
    } else if (candidate instanceof Instant instant) {
      time = LocalDateTime.ofInstant(instant, zone);
    } else {
      return null;
    }
    boolean sentinel = time.equals(LocalDateTime.MAX) || time.equals(LocalDateTime.MIN);
    return sentinel || inRange(time) ? Optional.of(time) : Optional.empty();
  }

  private static Optional<Object> timestampWithZone(Object candidate) {
    Instant instant;
    if (candidate instanceof Instant i) {
      instant = i;
    } else if (candidate instanceof OffsetDateTime t) {
      instant = t.toInstant();
    } else {
      return null;
    }
    boolean sentinel = instant.equals(Instant.MAX) || instant.equals(Instant.MIN);
    return sentinel || inRange(LocalDateTime.ofInstant(instant, ZoneOffset.UTC))
        ? Optional.of(instant)
        : Optional.empty();
  }

  /** Within PostgreSQL's range, and in whole microseconds, its precision. */
  private static boolean inRange(LocalDateTime time) {
    return time.getNano() % 1_000 == 0
        && !time.isBefore(FIRST_TIMESTAMP)
        && !time.isAfter(LAST_TIMESTAMP);
  }
}
