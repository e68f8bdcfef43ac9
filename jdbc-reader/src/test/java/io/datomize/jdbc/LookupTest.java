package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ContentKey;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lookups of rows by candidates in the target's Java types: {@code Long} for any integer, {@code
 * Instant} at UTC for dates and timestamps.
 */
class LookupTest {
  private static final TableName ITEMS = TableName.of("public", "items");
  private static final List<String> ITEM_COLUMNS =
      List.of("id", "big", "code", "uid", "price", "day", "at", "ts", "mood", "flag");
  private static final TableName LINES = TableName.of("public", "order_lines");
  private static final TableName CAST = TableName.of("public", "film_cast");
  private static final TableName MANY = TableName.of("public", "many");

  private static TestDatabase db;
  private static PostgresSource source;

  /** The rows of items by id, as a full read gives them. */
  private static Map<Object, SourceRow> items;

  @BeforeAll
  static void createTables() {
    db = EmbeddedPostgresServer.freshDatabase("lookup");
    db.execute(
        "create type mood as enum ('sad', 'ok', 'happy')",
        "create table items (id int4 primary key, big int8 unique, code text unique, uid uuid unique,"
            + " price numeric(6,2) unique, day date unique, at timestamptz unique, ts timestamp unique,"
            + " mood mood, flag boolean)",
        "insert into items select g, g * 10000000000, 'c' || g, md5('u' || g)::uuid, g + 0.25,"
            + " date '2024-01-01' + g, timestamptz '2024-01-01 00:00+00' + g * interval '1 hour 0.5 sec',"
            + " timestamp '2024-01-01 00:00' + g * interval '1 day 0.25 sec',"
            + " (array['sad', 'ok', 'happy'])[g % 3 + 1]::mood, g % 2 = 0 from generate_series(2, 50) g",
        // a row of far-off values: a BC date, the first microsecond of a timestamp
        "insert into items values (1, -1, 'c1', md5('u1')::uuid, -9999.99, date '0100-03-01 BC',"
            + " timestamptz '0044-03-15 12:00+00 BC', timestamp '1970-01-01 00:00:00.000001', 'sad', null)",
        "create table order_lines (order_id int4, line_no int2, note text, primary key (order_id, line_no))",
        "insert into order_lines select o, l, o || '/' || l from generate_series(1, 20) o,"
            + " generate_series(1, 5) l",
        // a bridge without any key: duplicate links are rows of their own
        "create table film_cast (film_id int4 not null, actor_id int4 not null, role text)",
        "insert into film_cast select f, a, 'r' || a from generate_series(1, 30) f, generate_series(1, 4) a",
        "insert into film_cast values (7, 2, 'r2'), (7, 2, 'r2'), (8, 9, null)",
        "create table many (id int8 primary key, v text)",
        "insert into many select g, 'v' || g from generate_series(1, 20000) g");
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
    items =
        read(ReadRequest.builder().table(ITEMS).columns(ITEM_COLUMNS).keyColumns(List.of("id")))
            .stream()
            .collect(Collectors.toMap(r -> r.get("id"), Function.identity()));
  }

  @AfterAll
  static void closeSource() {
    source.close();
  }

  private static List<SourceRow> read(ReadRequest.Builder request) {
    return rows(source.read(request.build()));
  }

  private static List<SourceRow> rows(RowCursor cursor) {
    List<SourceRow> rows = new ArrayList<>();
    try (cursor) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  private static List<SourceRow> lookup(
      TableName table, List<String> columns, List<String> key, List<String> match, Object... one) {
    return rows(
        source.lookup(
            LookupRequest.builder()
                .table(table)
                .columns(columns)
                .keyColumns(key)
                .matchColumns(match)
                .candidates(java.util.Arrays.stream(one).map(RowKey::of).toList())
                .build()));
  }

  /** The ids of the items whose column equals one of the candidates. */
  private static List<Object> itemsBy(String column, Object... candidates) {
    return lookup(ITEMS, ITEM_COLUMNS, List.of("id"), List.of(column), candidates).stream()
        .map(r -> r.get("id"))
        .sorted()
        .toList();
  }

  /** An item's value in the target's form. */
  private static Object target(long id, String column) {
    Object value = items.get(id).get(column);
    if (value instanceof LocalDate date) {
      return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDateTime time) {
      return time.toInstant(ZoneOffset.UTC);
    }
    return value;
  }

  @Test
  void looks_up_by_int4_and_int8_keys_with_long_candidates() {
    assertThat(itemsBy("id", 3L, 17L, 404L, 1L << 40, -1L)).containsExactly(3L, 17L);
    assertThat(itemsBy("big", 30_000_000_000L, -1L, 7L)).containsExactly(1L, 3L);
  }

  @Test
  void looks_up_by_text_uuid_and_enum() {
    assertThat(itemsBy("code", "c4", "c49", "c", "c4\0")).containsExactly(4L, 49L);
    assertThat(itemsBy("uid", target(5, "uid"), target(1, "uid"), UUID.randomUUID()))
        .containsExactly(1L, 5L);
    assertThat(itemsBy("mood", "happy", "furious"))
        .containsExactlyElementsOf(
            LongStream.rangeClosed(1, 50).filter(g -> g > 1 && g % 3 == 2).boxed().toList());
  }

  @Test
  void looks_up_by_numeric_leaving_out_values_finer_or_wider_than_the_column() {
    assertThat(
            itemsBy(
                "price",
                new BigDecimal("7.25"),
                new BigDecimal("9.2500"),
                new BigDecimal("-9999.99"),
                new BigDecimal("3.251"),
                new BigDecimal("1234567.25")))
        .containsExactly(1L, 7L, 9L);
  }

  @Test
  void looks_up_by_date_and_timestamps_with_instant_candidates() {
    assertThat(
            itemsBy(
                "day", target(6, "day"), target(1, "day"), Instant.parse("2024-01-07T01:00:00Z")))
        .containsExactly(1L, 6L);
    assertThat(
            itemsBy("at", target(8, "at"), target(1, "at"), Instant.parse("2024-01-01T08:00:04Z")))
        .containsExactly(1L, 8L);
    assertThat(
            itemsBy(
                "ts",
                target(9, "ts"),
                target(1, "ts"),
                ((Instant) target(9, "ts")).plusNanos(1),
                Instant.parse("+300000-01-01T00:00:00Z")))
        .containsExactly(1L, 9L);
  }

  @Test
  void rows_come_with_the_columns_read_decoded_as_a_read_decodes_them() {
    List<SourceRow> rows = lookup(ITEMS, ITEM_COLUMNS, List.of("id"), List.of("code"), "c1", "c12");

    assertThat(rows).hasSize(2);
    for (SourceRow row : rows) {
      SourceRow read = items.get(row.get("id"));
      assertThat(ITEM_COLUMNS.stream().map(row::get).toList())
          .isEqualTo(ITEM_COLUMNS.stream().map(read::get).toList());
      assertThat(row.key()).isEqualTo(RowKey.of(row.get("id")));
    }
  }

  @Test
  void looks_up_by_a_composite_key() {
    List<SourceRow> rows =
        rows(
            source.lookup(
                LookupRequest.builder()
                    .table(LINES)
                    .columns(List.of("note", "order_id", "line_no"))
                    .keyColumns(List.of("order_id", "line_no"))
                    .matchColumns(List.of("order_id", "line_no"))
                    .candidates(
                        List.of(
                            RowKey.of(3L, 2L),
                            RowKey.of(2L, 3L),
                            RowKey.of(3L, 6L),
                            RowKey.of(3L, 70000L)))
                    .build()));

    assertThat(rows)
        .extracting(SourceRow::key)
        .containsExactly(RowKey.of(2L, 3L), RowKey.of(3L, 2L));
    assertThat(rows).extracting(r -> r.get("note")).containsExactly("2/3", "3/2");
  }

  @Test
  void duplicate_candidates_do_not_duplicate_rows() {
    assertThat(itemsBy("id", 3L, 3L, 3L, 4L, 3L)).containsExactly(3L, 4L);
  }

  @Test
  void no_candidates_find_no_rows_without_asking_the_database() {
    TableName missing = TableName.of("public", "no_such_table");
    assertThat(lookup(missing, List.of("id"), List.of("id"), List.of("id"))).isEmpty();
    assertThat(lookup(ITEMS, ITEM_COLUMNS, List.of("id"), List.of("id"), 1L << 40)).isEmpty();
  }

  @Test
  void a_candidate_of_a_java_type_the_column_never_holds_is_an_error() {
    assertThatThrownBy(() -> itemsBy("id", "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column id of public.items")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void a_keyless_table_is_looked_up_by_the_content_keys_of_a_full_read() {
    List<String> columns =
        List.of("film_id", ContentKey.HASH, "actor_id", "role", ContentKey.OCCURRENCE);
    List<SourceRow> all =
        read(ReadRequest.builder().table(CAST).columns(columns).keyColumns(ContentKey.COLUMNS));
    List<SourceRow> wanted =
        all.stream()
            .filter(r -> r.get("film_id").equals(7L) || r.get("film_id").equals(8L))
            .toList();
    List<RowKey> candidates = new ArrayList<>(wanted.stream().map(SourceRow::key).toList());
    candidates.add(RowKey.of("0".repeat(32), 1L));

    List<SourceRow> found =
        rows(
            source.lookup(
                LookupRequest.builder()
                    .table(CAST)
                    .columns(columns)
                    .keyColumns(ContentKey.COLUMNS)
                    .matchColumns(ContentKey.COLUMNS)
                    .candidates(candidates)
                    .build()));

    assertThat(wanted).hasSize(4 + 2 + 5);
    assertThat(values(found, columns)).containsExactlyInAnyOrderElementsOf(values(wanted, columns));
  }

  @Test
  void a_keyless_table_is_looked_up_by_its_owner_column_with_content_keys() {
    List<String> columns =
        List.of("film_id", "actor_id", "role", ContentKey.HASH, ContentKey.OCCURRENCE);
    List<SourceRow> all =
        read(ReadRequest.builder().table(CAST).columns(columns).keyColumns(ContentKey.COLUMNS));

    List<SourceRow> found =
        lookup(CAST, columns, ContentKey.COLUMNS, List.of("film_id"), 7L, 8L, 7L, 99L);

    List<SourceRow> expected =
        all.stream()
            .filter(r -> r.get("film_id").equals(7L) || r.get("film_id").equals(8L))
            .toList();
    assertThat(found).hasSize(4 + 2 + 5);
    assertThat(values(found, columns))
        .containsExactlyInAnyOrderElementsOf(values(expected, columns));
    assertThat(
            found.stream().filter(r -> r.get("actor_id").equals(2L) && r.get("film_id").equals(7L)))
        .extracting(r -> r.get(ContentKey.OCCURRENCE))
        .containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void ten_thousand_candidates_in_one_lookup() {
    List<RowKey> candidates =
        LongStream.rangeClosed(1, 10_000).map(i -> i * 2).mapToObj(RowKey::of).toList();

    List<SourceRow> found =
        rows(
            source.lookup(
                LookupRequest.builder()
                    .table(MANY)
                    .columns(List.of("id", "v"))
                    .keyColumns(List.of("id"))
                    .matchColumns(List.of("id"))
                    .candidates(candidates)
                    .build()));

    assertThat(found).extracting(SourceRow::key).containsExactlyInAnyOrderElementsOf(candidates);
    assertThat(found).allSatisfy(r -> assertThat(r.get("v")).isEqualTo("v" + r.get("id")));
  }

  private static List<List<Object>> values(List<SourceRow> rows, List<String> columns) {
    return rows.stream().map(r -> columns.stream().map(r::get).toList()).toList();
  }
}
