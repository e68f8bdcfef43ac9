package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.datomize.catalog.Column;
import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TableStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresReadTest {
  private static TestDatabase db;
  private static PostgresSource source;

  @BeforeAll
  static void loadData() {
    db = EmbeddedPostgresServer.freshDatabase("read");
    db.runResource("/io/datomize/jdbc/test-schema.sql");
    db.execute(
        """
        insert into every_type values (1, 1, 2, 9000000000, default, 12.340, 'NaN', 1.5, 2.25, true, 'text',
          'varchar', 'ab', 'CiText', 'nm', '2024-02-29', '2024-03-01 10:15:30.123456', '2024-03-01 10:15:30+02',
          '13:45:00', '13:45:00+02', '1 year 2 mons 3 days 04:05:06', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
          '{"b": 1,  "a": [1,2]}', '{"b": 1,  "a": [1,2]}', '\\x00ff10', 'ok', 1999, 12.5, '{1,NULL,3}',
          '{"a b","c,d",NULL}', '{2024-01-01}', '{sad,happy}', '{"2024-01-01 02:00:00+02"}', '{{1,2},{3,4}}',
          '192.168.0.1/24', 'a fat cat', 12.34)""",
        "insert into every_type (id, unbounded) values (2, 123.4500)",
        "insert into order_line select o, l, 'p' || o || '-' || l from generate_series(1, 3) o, generate_series(1, 3) l",
        "insert into \"order\" values (1, 'star', 'ann'), (2, 'from', 'bob'), (3, null, 'cid')",
        "insert into \"Mixed Case\" values (10, 'ten'), (20, 'twenty'), (30, 'thirty')",
        "insert into measurement select g, date '2023-01-01' + g, g / 10.0 from generate_series(1, 700) g",
        "create table moods (m mood primary key)",
        "insert into moods values ('happy'), ('sad'), ('ok')",
        "create table events (at timestamp primary key, what text)",
        "insert into events select timestamp '2024-03-31 00:00' + g * interval '30 minutes', 'e' || g"
            + " from generate_series(0, 9) g");
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
  }

  private static List<SourceRow> readAll(
      PostgresSource from, String table, List<String> key, RowKey after) {
    TableName name = TableName.of("public", table);
    List<String> columns =
        from.readSchema().table(name).columns().stream().map(Column::name).toList();
    ReadRequest.Builder request =
        ReadRequest.builder().table(name).columns(columns).keyColumns(key).fetchSize(2);
    if (after != null) {
      request.after(after);
    }
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor = from.read(request.build())) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  private static List<SourceRow> readAll(String table, List<String> key) {
    return readAll(source, table, key, null);
  }

  @Test
  void decodes_every_type_into_plain_java_values() {
    SourceRow row = readAll("every_type", List.of("id")).get(0);
    assertThat(row.get("small")).isEqualTo(1L);
    assertThat(row.get("medium")).isEqualTo(2L);
    assertThat(row.get("big")).isEqualTo(9_000_000_000L);
    assertThat(row.get("counter")).isEqualTo(1L);
    assertThat(row.get("amount")).isEqualTo(new BigDecimal("12.340"));
    assertThat(row.get("unbounded")).isEqualTo(Double.NaN);
    assertThat(row.get("r")).isEqualTo(1.5f);
    assertThat(row.get("d")).isEqualTo(2.25d);
    assertThat(row.get("flag")).isEqualTo(true);
    assertThat(row.get("t")).isEqualTo("text");
    assertThat(row.get("vc")).isEqualTo("varchar");
    assertThat(row.get("ch")).isEqualTo("ab   ");
    assertThat(row.get("ci")).isEqualTo("CiText");
    assertThat(row.get("nm")).isEqualTo("nm");
    assertThat(row.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(row.get("ts")).isEqualTo(LocalDateTime.parse("2024-03-01T10:15:30.123456"));
    assertThat(row.get("tstz")).isEqualTo(Instant.parse("2024-03-01T08:15:30Z"));
    assertThat(row.get("tm")).isEqualTo("13:45:00");
    assertThat(row.get("tmtz")).isEqualTo("13:45:00+02");
    assertThat(row.get("span")).isEqualTo("1 year 2 mons 3 days 04:05:06");
    assertThat(row.get("uid")).isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    assertThat(row.get("js")).isEqualTo("{\"b\": 1,  \"a\": [1,2]}");
    assertThat(row.get("jsb")).isEqualTo("{\"a\": [1, 2], \"b\": 1}");
    assertThat((byte[]) row.get("bin")).containsExactly(0x00, 0xff, 0x10);
    assertThat(row.get("feeling")).isEqualTo("ok");
    assertThat(row.get("yr")).isEqualTo(1999L);
    assertThat(row.get("cost")).isEqualTo(new BigDecimal("12.50"));
    assertThat(row.get("ints")).isEqualTo(Arrays.asList(1L, null, 3L));
    assertThat(row.get("texts")).isEqualTo(Arrays.asList("a b", "c,d", null));
    assertThat(row.get("days")).isEqualTo(List.of(LocalDate.of(2024, 1, 1)));
    assertThat(row.get("moods")).isEqualTo(List.of("sad", "happy"));
    assertThat(row.get("stamps")).isEqualTo(List.of(Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(row.get("matrix")).isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
    assertThat(row.get("addr")).isEqualTo("192.168.0.1/24");
    assertThat(row.get("doc")).isEqualTo("'a' 'cat' 'fat'");
    assertThat(row.get("cash")).isEqualTo(new BigDecimal("12.34"));
  }

  @Test
  void reads_sql_null_as_java_null_and_keeps_numeric_scale() {
    SourceRow row = readAll("every_type", List.of("id")).get(1);
    assertThat(row.get("unbounded")).isEqualTo(new BigDecimal("123.4500"));
    for (String column :
        List.of(
            "small", "r", "d", "flag", "t", "day", "ts", "tstz", "uid", "bin", "feeling", "ints",
            "matrix", "addr")) {
      assertThat(row.get(column)).as(column).isNull();
    }
  }

  @Test
  void reads_timestamps_without_zone_as_local_date_times_and_with_zone_as_instants() {
    SourceRow row = readAll(source, "every_type", List.of("id"), null).get(0);
    assertThat(row.get("ts")).isEqualTo(LocalDateTime.parse("2024-03-01T10:15:30.123456"));
    assertThat(row.get("tstz")).isEqualTo(Instant.parse("2024-03-01T08:15:30Z"));
  }

  @Test
  void continues_after_a_timestamp_key_across_a_dst_change() {
    List<SourceRow> all = readAll(source, "events", List.of("at"), null);
    List<SourceRow> rest = readAll(source, "events", List.of("at"), all.get(3).key());
    assertThat(rest)
        .extracting(r -> r.get("what"))
        .containsExactly("e4", "e5", "e6", "e7", "e8", "e9");
  }

  @Test
  void streams_rows_in_composite_key_order_after_the_cursor() {
    List<SourceRow> rows =
        readAll(source, "order_line", List.of("order_id", "line_no"), RowKey.of(1L, 2L));
    assertThat(rows)
        .extracting(SourceRow::key)
        .containsExactly(
            RowKey.of(1L, 3L),
            RowKey.of(2L, 1L),
            RowKey.of(2L, 2L),
            RowKey.of(2L, 3L),
            RowKey.of(3L, 1L),
            RowKey.of(3L, 2L),
            RowKey.of(3L, 3L));
  }

  @Test
  void orders_and_continues_enum_keys_by_declaration_order() {
    assertThat(readAll("moods", List.of("m")))
        .extracting(r -> r.get("m"))
        .containsExactly("sad", "ok", "happy");
    assertThat(readAll(source, "moods", List.of("m"), RowKey.of("sad")))
        .extracting(r -> r.get("m"))
        .containsExactly("ok", "happy");
  }

  @Test
  void reads_a_partitioned_table_once_through_its_parent_and_continues_after_a_date_key() {
    List<SourceRow> rows = readAll("measurement", List.of("id", "taken_on"));
    assertThat(rows).hasSize(700);
    assertThat(rows).extracting(r -> r.get("id")).isSorted().doesNotHaveDuplicates();
    RowKey cursor = RowKey.of(350L, LocalDate.of(2023, 1, 1).plusDays(350));
    assertThat(readAll(source, "measurement", List.of("id", "taken_on"), cursor)).hasSize(350);
  }

  @Test
  void quotes_reserved_and_mixed_case_identifiers() {
    assertThat(readAll(source, "order", List.of("id"), RowKey.of(1L)))
        .extracting(r -> r.get("select"), r -> r.get("user"))
        .containsExactly(tuple("from", "bob"), tuple(null, "cid"));
    assertThat(readAll(source, "Mixed Case", List.of("with space"), RowKey.of(10L)))
        .extracting(r -> r.get("Value"))
        .containsExactly("twenty", "thirty");
    assertThat(
            source
                .stats(TableName.of("public", "Mixed Case"), List.of("with space", "Value"))
                .rowCount())
        .isEqualTo(3);
    assertThat(source.stats(TableName.of("public", "order"), List.of("select", "user")).rowCount())
        .isEqualTo(3);
  }

  @Test
  void counts_rows_of_a_partitioned_table_exactly() {
    TableStats stats =
        source.stats(TableName.of("public", "measurement"), List.of("id", "taken_on", "value"));
    assertThat(stats.table()).isEqualTo(TableName.of("public", "measurement"));
    assertThat(stats.rowCount()).isEqualTo(700);
  }

  @Test
  void checksum_ignores_row_order_and_sees_a_changed_value() {
    db.execute(
        "create table copy_a (id integer primary key, v text)",
        "create table copy_b (id integer primary key, v text)",
        "insert into copy_a select g, 'v' || g from generate_series(1, 100) g order by g",
        "insert into copy_b select g, 'v' || g from generate_series(1, 100) g order by g desc");
    List<String> columns = List.of("id", "v");
    long a = source.stats(TableName.of("public", "copy_a"), columns).checksum();
    assertThat(source.stats(TableName.of("public", "copy_b"), columns).checksum()).isEqualTo(a);
    db.execute("update copy_b set v = 'changed' where id = 50");
    assertThat(source.stats(TableName.of("public", "copy_b"), columns).checksum()).isNotEqualTo(a);
    db.execute("update copy_b set v = null where id = 50");
    assertThat(source.stats(TableName.of("public", "copy_b"), columns).checksum()).isNotEqualTo(a);
  }

  @Test
  void names_the_table_when_it_does_not_exist() {
    ReadRequest request =
        ReadRequest.builder()
            .table(TableName.of("public", "nope"))
            .addColumns("id")
            .addKeyColumns("id")
            .build();
    assertThatThrownBy(() -> source.read(request))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("public.nope");
  }

  @Test
  void names_unknown_columns_and_the_columns_there_are() {
    ReadRequest request =
        ReadRequest.builder()
            .table(TableName.of("public", "order"))
            .addColumns("id", "nope")
            .addKeyColumns("id")
            .build();
    assertThatThrownBy(() -> source.read(request))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("[nope]")
        .hasMessageContaining("[id, select, user]");
  }

  @Test
  void a_null_in_an_ordering_key_is_an_error_naming_the_table() {
    db.execute("insert into log_line values ('a', now()), ('b', null)");
    assertThatThrownBy(() -> readAll("log_line", List.of("logged_at")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("public.log_line")
        .hasMessageContaining("[logged_at]");
  }
}
