package io.datomize.examples.bench;

import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Whether a hand-written parser of PostgreSQL's timestamp text is worth keeping in the reader:
 * reads a table of timestamps and timestamptzs through a server-side cursor, decoding each value
 * four ways, and reports rows per second.
 *
 * <pre>
 * mvn -B -q -pl examples -am -DskipTests -Pbench-dates package -Dbench.args="1000000 3"
 * </pre>
 *
 * Arguments: rows (default 1000000), rounds (default 3). The ways:
 *
 * <ul>
 *   <li>{@code pgjdbc}: the columns as they are, {@code getObject(..,
 *       LocalDateTime/OffsetDateTime.class)}, as the reader does;
 *   <li>{@code text + hand parser}: the columns cast to text, read by the fixed-position parser the
 *       reader had;
 *   <li>{@code text + java.time}: the same text read by a {@link DateTimeFormatter};
 *   <li>{@code text only}: the text, not decoded: the floor of transfer and row handling.
 * </ul>
 */
public final class DateDecodingBenchmark {
  private static final DateTimeFormatter TEXT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter(Locale.ROOT);
  private static final String DATABASE = "date_bench";

  private enum Way {
    PGJDBC,
    TEXT_HAND_PARSER,
    TEXT_JAVA_TIME,
    TEXT_ONLY
  }

  private DateDecodingBenchmark() {}

  public static void main(String[] args) throws SQLException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      DataSource db = server.createDatabase(DATABASE);
      try (Connection connection = db.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("create table dates (ts timestamp, tz timestamptz)");
        statement.execute(
            "insert into dates select timestamp '2001-02-03 04:05:06' + i * interval '1.234567 s',"
                + " timestamptz '2001-02-03 04:05:06+00' + i * interval '2.5 s' from generate_series(1, "
                + rows
                + ") i");
        statement.execute("vacuum analyze dates");
      }
      StringBuilder table =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%n| round | way | seconds | rows/s |%n" + "| ---: | --- | ---: | ---: |%n"));
      for (int round = 1; round <= rounds; round++) {
        for (Way way : Way.values()) {
          long start = System.nanoTime();
          long read = read(db, way);
          double seconds = (System.nanoTime() - start) / 1e9;
          if (read != rows) {
            throw new IllegalStateException(way + " read " + read + " rows of " + rows);
          }
          table.append(
              String.format(
                  Locale.ROOT,
                  "| %d | %s | %.2f | %,.0f |%n",
                  round,
                  way,
                  seconds,
                  rows / seconds));
        }
      }
      System.out.printf(
          "date decoding, %d rows, java %s, %d processors:%s",
          rows, Runtime.version(), Runtime.getRuntime().availableProcessors(), table);
    }
  }

  /** The rows read; every decoded value is checked, so that no way can skip its work. */
  private static long read(DataSource db, Way way) throws SQLException {
    String sql =
        way == Way.PGJDBC ? "select ts, tz from dates" : "select ts::text, tz::text from dates";
    long count = 0;
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set timezone = 'UTC'");
        statement.setFetchSize(1_000);
        try (ResultSet rs = statement.executeQuery(sql)) {
          while (rs.next()) {
            LocalDateTime ts;
            LocalDateTime tz;
            switch (way) {
              case PGJDBC -> {
                ts = rs.getObject(1, LocalDateTime.class);
                tz =
                    rs.getObject(2, OffsetDateTime.class)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime();
              }
              case TEXT_HAND_PARSER -> {
                ts = handParsed(rs.getString(1), rs.getString(1).length());
                String zoned = rs.getString(2);
                tz = handParsed(zoned, zoned.length() - 3);
              }
              case TEXT_JAVA_TIME -> {
                ts = LocalDateTime.parse(rs.getString(1), TEXT);
                String zoned = rs.getString(2);
                tz = LocalDateTime.parse(zoned.substring(0, zoned.length() - 3), TEXT);
              }
              default -> {
                ts = rs.getString(1) == null ? null : LocalDateTime.MIN;
                tz = rs.getString(2) == null ? null : LocalDateTime.MIN;
              }
            }
            if (ts == null || tz == null) {
              throw new IllegalStateException(way + " could not decode row " + count);
            }
            count++;
          }
        }
      }
      connection.commit();
    }
    return count;
  }

  /**
   * The reader's former fast path, kept here as the alternative measured: {@code yyyy-MM-dd
   * HH:mm:ss[.f{1,6}]} in {@code text[0, end)} read by position; null for other shapes.
   */
  static LocalDateTime handParsed(String text, int end) {
    if (end < 19
        || end > 26
        || end == 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != ' '
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (end > 19 && text.charAt(19) != '.')) {
      return null;
    }
    int fraction = end > 19 ? digits(text, 20, end) : 0;
    int[] parts = {
      digits(text, 0, 4),
      digits(text, 5, 7),
      digits(text, 8, 10),
      digits(text, 11, 13),
      digits(text, 14, 16),
      digits(text, 17, 19),
      fraction
    };
    for (int part : parts) {
      if (part < 0) {
        return null;
      }
    }
    for (int i = end; i < 26; i++) {
      fraction *= 10;
    }
    return LocalDateTime.of(
        parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], fraction * 1_000);
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
