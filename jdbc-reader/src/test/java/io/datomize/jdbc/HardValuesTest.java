package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.SourceRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values at the edges of what PostgreSQL holds: each is read, or arrives as a value its row is
 * rejected for.
 */
class HardValuesTest {
  private static TestDatabase db;
  private static PostgresSource source;

  @BeforeAll
  static void loadValues() {
    db = EmbeddedPostgresServer.freshDatabase("hard_values");
    db.execute(
        """
        create table hard (
          id integer primary key, d date, ts timestamp, tz timestamptz, n numeric, n1000 numeric(1000, 0),
          s text, dates date[], stamps timestamp[], zoned timestamptz[], cube integer[][][], ints integer[])""",
        """
        insert into hard values
          (1, '0044-03-15 BC', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC', 1, null, null,
           '{"0044-03-15 BC", 12000-06-01, infinity, -infinity, NULL}',
           '{"4713-01-01 00:00:00 BC", "275000-01-01 12:00:00", infinity}',
           '{"0001-01-01 00:00:00.5+00 BC", "-infinity"}', '{{{1,2},{3,4}},{{5,6},{7,NULL}}}', '{NULL,1,NULL}'),
          (2, '12000-06-01', '275000-01-01 12:00:00.123456', '275000-01-01 12:00:00+00', null, null, null,
           null, null, null, null, null),
          (3, '0001-01-01 BC', '0001-12-31 23:59:59.999999 BC', '2024-03-01 10:15:30.25+00', null, null, null,
           null, null, null, null, null),
          (4, 'infinity', '-infinity', 'infinity', 'NaN', null, null, null, null, null, null, null),
          (5, '-infinity', 'infinity', '-infinity', 'Infinity', null, null, null, null, null, null, null),
          (6, null, null, null, '-Infinity', null, null, null, null, null, null, null)""",
        "insert into hard (id, n, n1000) values (7, ('1' || repeat('0', 999) || '.' || repeat('9', 500))::numeric,"
            + " repeat('7', 1000)::numeric)",
        "insert into hard (id, n, s) values (8, ('0.' || repeat('0', 16000) || '1')::numeric, repeat('ü€😀', 700000))");
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
  }

  private static List<SourceRow> readAll(PostgresSource from, TableName table, String key) {
    List<String> columns =
        from.readSchema().table(table).columns().stream().map(Column::name).toList();
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor =
        from.read(
            ReadRequest.builder()
                .table(table)
                .columns(columns)
                .addKeyColumns(key)
                .fetchSize(2)
                .build())) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  private static SourceRow row(int id) {
    return readAll(source, TableName.of("public", "hard"), "id").get(id - 1);
  }

  @Test
  void reads_dates_and_timestamps_before_christ() {
    SourceRow row = row(1);
    assertThat(row.get("d")).isEqualTo(LocalDate.of(-43, 3, 15));
    assertThat(row.get("ts")).isEqualTo(LocalDateTime.of(-4712, 1, 1, 0, 0));
    assertThat(row.get("tz"))
        .isEqualTo(LocalDateTime.of(-4712, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
    SourceRow yearOneBc = row(3);
    assertThat(yearOneBc.get("d")).isEqualTo(LocalDate.of(0, 1, 1));
    assertThat(yearOneBc.get("ts")).isEqualTo(LocalDateTime.of(0, 12, 31, 23, 59, 59, 999_999_000));
    assertThat(yearOneBc.get("tz")).isEqualTo(Instant.parse("2024-03-01T10:15:30.25Z"));
  }

  @Test
  void reads_years_past_9999() {
    SourceRow row = row(2);
    assertThat(row.get("d")).isEqualTo(LocalDate.of(12000, 6, 1));
    assertThat(row.get("ts")).isEqualTo(LocalDateTime.of(275000, 1, 1, 12, 0, 0, 123_456_000));
    assertThat(row.get("tz"))
        .isEqualTo(LocalDateTime.of(275000, 1, 1, 12, 0).toInstant(ZoneOffset.UTC));
  }

  @Test
  void reads_infinity_as_the_sentinels_the_converter_rejects() {
    assertThat(row(4).get("d")).isEqualTo(LocalDate.MAX);
    assertThat(row(4).get("ts")).isEqualTo(LocalDateTime.MIN);
    assertThat(row(4).get("tz")).isEqualTo(Instant.MAX);
    assertThat(row(5).get("d")).isEqualTo(LocalDate.MIN);
    assertThat(row(5).get("ts")).isEqualTo(LocalDateTime.MAX);
    assertThat(row(5).get("tz")).isEqualTo(Instant.MIN);
  }

  @Test
  void reads_numeric_nan_and_infinities_as_doubles_the_converter_rejects() {
    assertThat(row(4).get("n")).isEqualTo(Double.NaN);
    assertThat(row(5).get("n")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(row(6).get("n")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void reads_numerics_of_any_precision_and_scale() {
    assertThat(row(7).get("n"))
        .isEqualTo(new BigDecimal("1" + "0".repeat(999) + "." + "9".repeat(500)));
    assertThat(row(7).get("n1000")).isEqualTo(new BigDecimal("7".repeat(1000)));
    assertThat(row(8).get("n")).isEqualTo(new BigDecimal("0." + "0".repeat(16000) + "1"));
  }

  /** As logical decoding sends them: {@code inet '10.0.0.1'::text} would be 10.0.0.1/32. */
  @Test
  void reads_types_carried_as_text_as_their_output_function_prints_them() {
    db.execute(
        "create table net (id int primary key, host inet, net cidr, hosts inet[])",
        "insert into net values (1, '10.0.0.1', '10.0.0.0/8', '{10.0.0.1,::1,NULL}'),"
            + " (2, null, null, null)");

    List<SourceRow> rows = readAll(source, TableName.of("public", "net"), "id");

    assertThat(rows.get(0).get("host")).isEqualTo("10.0.0.1");
    assertThat(rows.get(0).get("net")).isEqualTo("10.0.0.0/8");
    assertThat(rows.get(0).get("hosts")).isEqualTo(Arrays.asList("10.0.0.1", "::1", null));
    assertThat(Arrays.asList(rows.get(1).get("host"), rows.get(1).get("hosts")))
        .containsOnlyNulls();
  }

  @Test
  void reads_money_as_its_amount() {
    db.execute(
        "create table till (id int primary key, amount money)",
        "insert into till values (1, 1234567.5), (2, -0.25), (3, null)");

    List<SourceRow> rows = readAll(source, TableName.of("public", "till"), "id");

    assertThat(rows)
        .extracting(r -> r.get("amount"))
        .containsExactly(new BigDecimal("1234567.50"), new BigDecimal("-0.25"), null);
  }

  @Test
  void reads_strings_of_megabytes() {
    assertThat(row(8).get("s")).isEqualTo("ü€😀".repeat(700000));
  }

  @Test
  void reads_arrays_of_dates_and_timestamps_bc_far_future_and_infinite_with_their_null_elements() {
    SourceRow row = row(1);
    assertThat(row.get("dates"))
        .isEqualTo(
            Arrays.asList(
                LocalDate.of(-43, 3, 15),
                LocalDate.of(12000, 6, 1),
                LocalDate.MAX,
                LocalDate.MIN,
                null));
    assertThat(row.get("stamps"))
        .isEqualTo(
            List.of(
                LocalDateTime.of(-4712, 1, 1, 0, 0),
                LocalDateTime.of(275000, 1, 1, 12, 0),
                LocalDateTime.MAX));
    assertThat(row.get("zoned"))
        .isEqualTo(List.of(Instant.parse("0000-01-01T00:00:00.500Z"), Instant.MIN));
  }

  @Test
  void reads_multidimensional_arrays_as_nested_lists_with_their_null_elements() {
    SourceRow row = row(1);
    assertThat(row.get("cube"))
        .isEqualTo(
            List.of(
                List.of(List.of(1L, 2L), List.of(3L, 4L)),
                List.of(List.of(5L, 6L), Arrays.asList(7L, null))));
    assertThat(row.get("ints")).isEqualTo(Arrays.asList(null, 1L, null));
  }

  /**
   * pgjdbc's own java.time reading agrees with the decoder on BC, far-future and infinite values.
   */
  @Test
  void agrees_with_pgjdbc_java_time_values() throws SQLException {
    List<SourceRow> rows = readAll(source, TableName.of("public", "hard"), "id");
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("set timezone = 'UTC'");
      ResultSet rs = statement.executeQuery("select d, ts, tz from hard order by id");
      for (SourceRow row : rows) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, LocalDate.class))
            .as("date of row %s", row.key())
            .isEqualTo(row.get("d"));
        assertThat(rs.getObject(2, LocalDateTime.class))
            .as("timestamp of row %s", row.key())
            .isEqualTo(row.get("ts"));
        OffsetDateTime zoned = rs.getObject(3, OffsetDateTime.class);
        Object expected = row.get("tz");
        Instant instant =
            zoned == null
                ? null
                : zoned.equals(OffsetDateTime.MAX)
                    ? Instant.MAX
                    : zoned.equals(OffsetDateTime.MIN) ? Instant.MIN : zoned.toInstant();
        assertThat(instant).as("timestamptz of row %s", row.key()).isEqualTo(expected);
      }
    }
  }
}
