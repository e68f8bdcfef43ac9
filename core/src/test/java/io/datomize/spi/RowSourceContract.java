package io.datomize.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RowSource} guarantees. An adapter's test class implements this interface and
 * gives a source holding exactly the tables {@link #TABLES} with their {@link #ROWS} (keys and
 * values in the Java types a reader decodes to: {@code Long}, {@code String}, {@code BigDecimal}).
 * The tests only read.
 */
public interface RowSourceContract {
  TableName ITEMS = TableName.of("public", "contract_item");
  TableName LINES = TableName.of("public", "contract_line");
  TableName WORDS = TableName.of("public", "contract_word");
  TableName EMPTY = TableName.of("public", "contract_empty");

  /**
   * An item per id, ids with gaps, inserted out of order; names with quotes, separators, unicode
   * and nulls.
   */
  List<Table> TABLES =
      List.of(
          table(
              ITEMS,
              List.of("id"),
              column("id", "bigint", TypeFamily.INTEGER, false),
              column("name", "text", TypeFamily.TEXT, true),
              column("price", "numeric", TypeFamily.NUMERIC, true)),
          table(
              LINES,
              List.of("order_id", "line_no"),
              column("order_id", "bigint", TypeFamily.INTEGER, false),
              column("line_no", "bigint", TypeFamily.INTEGER, false),
              column("note", "text", TypeFamily.TEXT, true)),
          table(
              WORDS,
              List.of("word"),
              column("word", "text", TypeFamily.TEXT, false),
              column("n", "bigint", TypeFamily.INTEGER, false)),
          table(EMPTY, List.of("id"), column("id", "bigint", TypeFamily.INTEGER, false)));

  /** The rows of each table, in the order of its columns, not in key order. */
  Map<TableName, List<Object[]>> ROWS =
      Map.of(
          ITEMS, Fill.items(),
          LINES, Fill.lines(),
          WORDS, Fill.words(),
          EMPTY, List.of());

  /** A source holding {@link #TABLES} with {@link #ROWS}. */
  RowSource source();

  private static Column column(String name, String sqlType, TypeFamily family, boolean nullable) {
    return Column.of(name, ColumnType.of(sqlType, family), nullable);
  }

  private static Table table(TableName name, List<String> key, Column... columns) {
    return Table.builder().name(name).primaryKey(key).addColumns(columns).build();
  }

  private static Table tableOf(TableName name) {
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> columnsOf(TableName name) {
    return tableOf(name).columns().stream().map(Column::name).toList();
  }

  private List<SourceRow> readAll(
      TableName table, List<String> columns, Optional<RowKey> after, int fetchSize) {
    ReadRequest request =
        ReadRequest.builder()
            .table(table)
            .columns(columns)
            .keyColumns(tableOf(table).primaryKey())
            .after(after)
            .fetchSize(fetchSize)
            .build();
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor = source().read(request)) {
      assertThat(cursor.shape().table()).isEqualTo(table);
      assertThat(cursor.shape().columns()).isEqualTo(columns);
      assertThat(cursor.shape().keyColumns()).isEqualTo(tableOf(table).primaryKey());
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  private List<SourceRow> readAll(TableName table) {
    return readAll(table, columnsOf(table), Optional.empty(), 7);
  }

  private static List<List<Object>> values(List<SourceRow> rows) {
    return rows.stream()
        .map(r -> IntStream.range(0, r.shape().columns().size()).mapToObj(r::get).toList())
        .toList();
  }

  private static List<List<Object>> expected(TableName table) {
    return ROWS.get(table).stream().map(Arrays::asList).toList();
  }

  @Test
  default void every_row_is_read_once_with_its_values() {
    for (TableName table : List.of(ITEMS, LINES, WORDS, EMPTY)) {
      List<SourceRow> rows = readAll(table);

      assertThat(values(rows))
          .as("rows of %s", table)
          .containsExactlyInAnyOrderElementsOf(expected(table));
    }
  }

  @Test
  default void integer_keys_come_in_ascending_order_also_when_composite() {
    List<Long> ids = readAll(ITEMS).stream().map(r -> (Long) r.get("id")).toList();
    List<List<Long>> lines =
        readAll(LINES).stream()
            .map(r -> List.of((Long) r.get("order_id"), (Long) r.get("line_no")))
            .toList();

    assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(ROWS.get(ITEMS).size());
    List<List<Long>> sorted = new ArrayList<>(lines);
    sorted.sort(
        (a, b) ->
            a.get(0).equals(b.get(0))
                ? a.get(1).compareTo(b.get(1))
                : a.get(0).compareTo(b.get(0)));
    assertThat(lines).isEqualTo(sorted).doesNotHaveDuplicates();
  }

  @Test
  default void a_read_after_any_key_gives_exactly_the_rows_after_it_in_the_full_read() {
    for (TableName table : List.of(ITEMS, LINES, WORDS)) {
      List<SourceRow> all = readAll(table);
      for (int i = 0; i < all.size(); i += 5) {
        List<SourceRow> rest = readAll(table, columnsOf(table), Optional.of(all.get(i).key()), 3);

        assertThat(values(rest))
            .as("%s after %s", table, all.get(i).key())
            .isEqualTo(values(all.subList(i + 1, all.size())));
      }
      assertThat(readAll(table, columnsOf(table), Optional.of(all.get(all.size() - 1).key()), 3))
          .isEmpty();
    }
  }

  @Test
  default void a_read_after_a_key_that_is_not_in_the_table_starts_at_the_next_greater_key() {
    List<SourceRow> all = readAll(ITEMS);
    Long gapAfter =
        all.stream()
            .map(r -> (Long) r.get("id"))
            .filter(id -> all.stream().noneMatch(r -> r.get("id").equals(id + 1)))
            .findFirst()
            .orElseThrow();

    List<SourceRow> rest =
        readAll(ITEMS, columnsOf(ITEMS), Optional.of(RowKey.of(gapAfter + 1)), 100);

    assertThat(values(rest))
        .isEqualTo(values(all.stream().filter(r -> (Long) r.get("id") > gapAfter).toList()));
  }

  @Test
  default void a_read_returns_the_columns_asked_for_in_their_order_and_keys_of_the_key_columns() {
    List<String> columns = List.of("note", "line_no", "order_id");

    List<SourceRow> rows = readAll(LINES, columns, Optional.empty(), 1_000);

    assertThat(values(rows))
        .containsExactlyInAnyOrderElementsOf(
            ROWS.get(LINES).stream().map(r -> Arrays.asList(r[2], r[1], r[0])).toList());
    assertThat(rows)
        .allSatisfy(row -> assertThat(row.key()).isEqualTo(RowKey.of(row.get(2), row.get(1))));
  }

  @Test
  default void the_fetch_size_changes_nothing_of_what_is_read() {
    for (TableName table : List.of(ITEMS, WORDS)) {
      assertThat(values(readAll(table, columnsOf(table), Optional.empty(), 1)))
          .isEqualTo(values(readAll(table, columnsOf(table), Optional.empty(), 1_000)));
    }
  }

  @Test
  default void stats_count_the_rows_and_the_checksum_is_stable() {
    for (TableName table : List.of(ITEMS, LINES, WORDS, EMPTY)) {
      TableStats stats = source().stats(table, columnsOf(table));

      assertThat(stats.table()).isEqualTo(table);
      assertThat(stats.rowCount()).as("rows of %s", table).isEqualTo(ROWS.get(table).size());
      assertThat(source().stats(table, columnsOf(table)).checksum()).isEqualTo(stats.checksum());
    }
    assertThat(source().stats(ITEMS, List.of("id")).checksum())
        .isNotEqualTo(source().stats(ITEMS, columnsOf(ITEMS)).checksum());
  }

  /** The contract's data, made once from a fixed seed. */
  final class Fill {
    private Fill() {}

    static List<Object[]> items() {
      Random random = new Random(11);
      List<String> names =
          List.of(
              "plain",
              "with, comma",
              "with \"quotes\"",
              "it's",
              "tab\there",
              "zürich",
              "日本語",
              "emoji \uD83D\uDE00",
              "",
              "back\\slash",
              "semi;colon",
              "a:b|c");
      List<Object[]> rows = new ArrayList<>();
      long id = 0;
      for (int i = 0; i < 137; i++) {
        id += 1 + random.nextInt(random.nextInt(4) == 0 ? 50 : 2);
        String name =
            random.nextInt(8) == 0 ? null : names.get(random.nextInt(names.size())) + " " + i;
        BigDecimal price =
            random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000), 2);
        rows.add(new Object[] {id, name, price});
      }
      rows.add(new Object[] {-5L, "negative", new BigDecimal("-0.50")});
      rows.add(
          new Object[] {
            Long.MAX_VALUE, "largest", new BigDecimal("12345678901234567890.123456789")
          });
      Collections.shuffle(rows, random);
      return List.copyOf(rows);
    }

    static List<Object[]> lines() {
      Random random = new Random(12);
      List<Object[]> rows = new ArrayList<>();
      for (long order = 1; order <= 30; order++) {
        int lines = random.nextInt(5);
        for (long line = 1; line <= lines; line++) {
          rows.add(
              new Object[] {
                order * 3, line * 10 - random.nextInt(3), random.nextBoolean() ? null : "n" + line
              });
        }
      }
      Collections.shuffle(rows, random);
      return List.copyOf(rows);
    }

    static List<Object[]> words() {
      List<String> words =
          List.of(
              "apple",
              "Apple",
              "banana",
              "b",
              "zebra",
              "Zebra",
              "école",
              "ecole",
              "éclair",
              "naïve",
              "日本",
              "中文",
              "a b",
              "a-b",
              "a_b",
              "1",
              "10",
              "9",
              "\"quoted\"",
              "x,y",
              "émoji \uD83D\uDE00",
              "z");
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < words.size(); i++) {
        rows.add(new Object[] {words.get(i), (long) i});
      }
      Collections.shuffle(rows, new Random(13));
      assertThat(new HashSet<>(words)).hasSize(words.size());
      return List.copyOf(rows);
    }
  }
}
