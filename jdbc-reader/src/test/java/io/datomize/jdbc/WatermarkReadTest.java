package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ChangedSince;
import io.datomize.spi.ContentKey;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads of only the rows changed since a watermark, and the watermarks themselves. */
class WatermarkReadTest {
  private static final TableName EVENTS = TableName.of("public", "events");
  private static final TableName LOG = TableName.of("public", "keyless_events");
  private static final TableName MARKS = TableName.of("public", "marks");
  private static final TableName NOTHING = TableName.of("public", "nothing");

  private static TestDatabase db;
  private static PostgresSource source;

  @BeforeAll
  static void createTables() {
    db = EmbeddedPostgresServer.freshDatabase("watermark");
    db.execute(
        // rows 1..100 changed a minute apart, their versions ten apart; 101 and 102 never stamped
        "create table events (id bigint primary key, updated_at timestamp, version bigint, note text)",
        "insert into events select g, timestamp '2024-01-01 00:00' + g * interval '1 minute', g * 10,"
            + " 'n' || g from generate_series(1, 100) g",
        "insert into events values (101, null, null, 'never'), (102, null, 1010, 'never either')",
        "create table keyless_events (at timestamptz, what text)",
        "insert into keyless_events select timestamptz '2024-01-01 00:00+00' + (g % 20) * interval '1 hour',"
            + " 'e' || (g % 20) from generate_series(1, 60) g",
        "insert into keyless_events values (null, 'unstamped'), (null, 'unstamped')",
        "create table marks (small int2, medium int4, large int8, price numeric(10,2), day date,"
            + " at timestamp, atz timestamptz, ratio float8, bytes bytea, label text, nulls int4)",
        "insert into marks values (-3, 70000, 5000000000, 12.50, date '2024-02-29',"
            + " timestamp '2024-03-01 10:00:00.123456', timestamptz '2024-03-01 10:00:00+02', 1.5, '\\x01', 'b', null),"
            + " (7, -1, 1, 12.05, date '1999-12-31', timestamp '2023-01-01', timestamptz '2024-03-01 07:59:59+00',"
            + " 2.5, '\\x02', 'a', null), (null, null, null, null, null, null, null, null, null, 'z', null)",
        "create table nothing (id int8 primary key, at timestamptz)",
        "create table forever (id int8 primary key, at timestamp)",
        "insert into forever values (1, '2024-01-01'), (2, 'infinity'), (3, '-infinity')");
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
  }

  @AfterAll
  static void closeSource() {
    source.close();
  }

  private static ReadRequest.Builder events() {
    return ReadRequest.builder()
        .table(EVENTS)
        .columns(List.of("id", "updated_at", "version", "note"))
        .keyColumns(List.of("id"))
        .fetchSize(7);
  }

  private static List<SourceRow> read(ReadRequest request) {
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor = source.read(request)) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The rows' values, to compare rows of reads of different shapes. */
  private static List<List<Object>> values(List<SourceRow> rows) {
    return rows.stream().map(r -> r.shape().columns().stream().map(r::get).toList()).toList();
  }

  private static List<Object> ids(ReadRequest request) {
    return read(request).stream().map(r -> r.get("id")).toList();
  }

  private static List<Object> ids(LongStream ids) {
    return ids.boxed().map(Object.class::cast).toList();
  }

  private static ChangedSince since(String column, Object value) {
    return new ChangedSince(column, RowKey.of(value));
  }

  @Test
  void a_timestamp_watermark_reads_the_rows_at_or_after_it_and_those_never_stamped() {
    ReadRequest request =
        events().changedSince(since("updated_at", LocalDateTime.of(2024, 1, 1, 1, 0))).build();

    assertThat(ids(request)).isEqualTo(ids(LongStream.rangeClosed(60, 102)));
  }

  @Test
  void a_watermark_combines_with_the_cursor() {
    ReadRequest request =
        events()
            .changedSince(since("updated_at", LocalDateTime.of(2024, 1, 1, 1, 0)))
            .after(RowKey.of(80L))
            .build();

    assertThat(ids(request)).isEqualTo(ids(LongStream.rangeClosed(81, 102)));
  }

  @Test
  void a_bigint_watermark_reads_the_rows_at_or_after_it() {
    assertThat(ids(events().changedSince(since("version", 995L)).build()))
        .isEqualTo(ids(LongStream.of(100, 101, 102)));
    assertThat(ids(events().changedSince(since("version", 500L)).after(RowKey.of(98L)).build()))
        .isEqualTo(ids(LongStream.of(99, 100, 101, 102)));
  }

  @Test
  void the_high_watermark_reads_back_the_last_changed_rows() {
    Optional<RowKey> mark = source.highWatermark(EVENTS, "updated_at");

    assertThat(mark).contains(RowKey.of(LocalDateTime.of(2024, 1, 1, 1, 40)));
    assertThat(ids(events().changedSince(new ChangedSince("updated_at", mark.get())).build()))
        .isEqualTo(ids(LongStream.of(100, 101, 102)));
  }

  @Test
  void a_keyless_table_keeps_the_content_keys_of_a_full_read() {
    List<String> columns = List.of("what", ContentKey.HASH, "at", ContentKey.OCCURRENCE);
    ReadRequest.Builder request =
        ReadRequest.builder().table(LOG).columns(columns).keyColumns(ContentKey.COLUMNS);
    Instant mark = Instant.parse("2024-01-01T15:00:00Z");
    List<SourceRow> all = read(request.build());
    List<SourceRow> expected =
        all.stream()
            .filter(r -> r.get("at") == null || !((Instant) r.get("at")).isBefore(mark))
            .toList();

    List<SourceRow> changed = read(request.changedSince(since("at", mark)).build());

    assertThat(expected).hasSize(17);
    assertThat(values(changed)).isEqualTo(values(expected));
    RowKey middle = expected.get(8).key();
    assertThat(values(read(request.after(middle).build())))
        .isEqualTo(values(expected.subList(9, 17)));
  }

  @Test
  void the_high_watermark_of_each_supported_type_has_the_type_its_values_are_read_as() {
    assertThat(mark("small")).isEqualTo(7L);
    assertThat(mark("medium")).isEqualTo(70000L);
    assertThat(mark("large")).isEqualTo(5_000_000_000L);
    assertThat(mark("price")).isEqualTo(new BigDecimal("12.50"));
    assertThat(mark("day")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(mark("at")).isEqualTo(LocalDateTime.parse("2024-03-01T10:00:00.123456"));
    assertThat(mark("atz")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"small", "medium", "large", "price", "day", "at", "atz"})
  void a_read_since_the_high_watermark_of_any_supported_type_finds_the_greatest_row(String column) {
    ReadRequest request =
        ReadRequest.builder()
            .table(MARKS)
            .columns(List.of("small", "medium", "large", "price", "day", "at", "atz", "label"))
            .keyColumns(List.of("label"))
            .changedSince(new ChangedSince(column, source.highWatermark(MARKS, column).get()))
            .build();

    List<SourceRow> rows = read(request);

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get("label")).as("the row of nulls").isEqualTo("z");
    assertThat(rows.get(0).get(column)).isEqualTo(mark(column));
  }

  @Test
  void infinity_is_a_watermark_that_reads_back() {
    TableName forever = TableName.of("public", "forever");
    RowKey mark = source.highWatermark(forever, "at").orElseThrow();

    assertThat(mark).isEqualTo(RowKey.of(LocalDateTime.MAX));
    ReadRequest request =
        ReadRequest.builder()
            .table(forever)
            .columns(List.of("id", "at"))
            .keyColumns(List.of("id"))
            .changedSince(new ChangedSince("at", mark))
            .build();
    assertThat(ids(request)).containsExactly(2L);
  }

  @Test
  void an_empty_table_or_a_column_of_nulls_has_no_watermark() {
    assertThat(source.highWatermark(NOTHING, "at")).isEmpty();
    assertThat(source.highWatermark(MARKS, "nulls")).isEmpty();
  }

  @Test
  void a_column_of_a_type_a_watermark_cannot_hold_is_refused() {
    for (String column : List.of("ratio", "bytes", "label")) {
      assertThatThrownBy(() -> source.highWatermark(MARKS, column))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column " + column + " of public.marks")
          .hasMessageContaining(
              "a watermark column must be an integer, numeric, date or timestamp column");
    }
    assertThatThrownBy(() -> source.highWatermark(MARKS, "ratio")).hasMessageContaining("float8");
  }

  private static Object mark(String column) {
    return source.highWatermark(MARKS, column).orElseThrow().get(0);
  }
}
