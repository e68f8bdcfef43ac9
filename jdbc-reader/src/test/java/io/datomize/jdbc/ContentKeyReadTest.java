package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ContentKey;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A table without any key is read in the order of a key computed from each row's content. */
class ContentKeyReadTest {
  private static final TableName LOG = TableName.of("public", "keyless_log");

  /** The content key columns among the table's own, where a request may place them. */
  private static final List<String> COLUMNS =
      List.of("what", ContentKey.HASH, "at", ContentKey.OCCURRENCE);

  private static final int DISTINCT = 200;

  private static TestDatabase db;
  private static PostgresSource source;

  @BeforeAll
  static void createTable() {
    db = EmbeddedPostgresServer.freshDatabase("content_key");
    db.execute(
        "create table keyless_log (at timestamptz, what text, amount numeric)",
        "insert into keyless_log select timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', 'e' || g,"
            + " g / 7.0 from generate_series(1, "
            + DISTINCT
            + ") g",
        "insert into keyless_log values ('2024-05-05 05:05:05+00', 'triple', 1.5), ('2024-05-05 05:05:05+00',"
            + " 'triple', 1.5), ('2024-05-05 05:05:05+00', 'triple', 1.5)",
        "insert into keyless_log values (null, null, null), (null, null, null)",
        // the same "what" as a triple row, other content: a row of its own
        "insert into keyless_log values ('2024-05-05 05:05:06+00', 'triple', 1.5)");
    source =
        PostgresSource.builder()
            .dataSource(db.dataSource())
            .retryPolicy(RetryPolicy.of(2, Duration.ZERO))
            .build();
  }

  private static ReadRequest.Builder request() {
    return ReadRequest.builder()
        .table(LOG)
        .columns(COLUMNS)
        .keyColumns(ContentKey.COLUMNS)
        .fetchSize(7);
  }

  /** A row's values, to compare rows of different reads (each read has its own shape). */
  private static List<List<Object>> values(List<SourceRow> rows) {
    return rows.stream().map(r -> COLUMNS.stream().map(r::get).toList()).toList();
  }

  private static List<SourceRow> read(ReadRequest request) {
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor = source.read(request)) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void gives_every_row_a_distinct_key_and_duplicates_their_occurrences() {
    List<SourceRow> rows = read(request().build());

    assertThat(rows).hasSize(DISTINCT + 6);
    assertThat(rows).extracting(SourceRow::key).doesNotHaveDuplicates();
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.get(1))
                  .isInstanceOfSatisfying(String.class, h -> assertThat(h).matches("[0-9a-f]{32}"));
              assertThat(r.get(3)).isInstanceOf(Long.class);
            });
    Map<String, List<Object>> occurrences =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    r -> (String) r.get(ContentKey.HASH),
                    Collectors.mapping(r -> r.get(ContentKey.OCCURRENCE), Collectors.toList())));
    assertThat(occurrences).hasSize(DISTINCT + 3);
    assertThat(occurrences.values())
        .filteredOn(o -> o.size() > 1)
        .containsExactlyInAnyOrder(List.of(1L, 2L, 3L), List.of(1L, 2L));
  }

  @Test
  void rows_come_in_key_order() {
    List<SourceRow> rows = read(request().build());
    for (int i = 1; i < rows.size(); i++) {
      RowKey before = rows.get(i - 1).key();
      RowKey after = rows.get(i).key();
      int byHash = ((String) before.get(0)).compareTo((String) after.get(0));
      assertThat(byHash < 0 || byHash == 0 && (Long) before.get(1) < (Long) after.get(1))
          .as("%s before %s", before, after)
          .isTrue();
    }
  }

  @Test
  void hashes_the_whole_row_even_when_only_some_columns_are_read() {
    List<SourceRow> rows = read(request().build());
    List<SourceRow> triples = rows.stream().filter(r -> "triple".equals(r.get("what"))).toList();
    assertThat(triples).hasSize(4);
    assertThat(triples.stream().map(r -> r.get(ContentKey.HASH)).distinct()).hasSize(2);
  }

  @Test
  void two_reads_of_the_same_rows_give_the_same_keys() {
    assertThat(values(read(request().build()))).isEqualTo(values(read(request().build())));
  }

  @Test
  void resumes_between_duplicates() {
    SourceRow first =
        read(request().build()).stream()
            .filter(
                r ->
                    "triple".equals(r.get("what"))
                        && r.get(ContentKey.OCCURRENCE).equals(1L)
                        && r.get("at").toString().endsWith("05:05:05Z"))
            .findFirst()
            .orElseThrow();

    List<SourceRow> rest = read(request().after(first.key()).build());

    String hash = (String) first.get(ContentKey.HASH);
    assertThat(rest.get(0).key()).isEqualTo(RowKey.of(hash, 2L));
    assertThat(rest.get(1).key()).isEqualTo(RowKey.of(hash, 3L));
    List<SourceRow> all = read(request().build());
    List<List<Object>> allValues = values(all);
    assertThat(values(rest))
        .isEqualTo(
            allValues.subList(allValues.indexOf(values(List.of(first)).get(0)) + 1, all.size()));
  }

  @Test
  void counts_and_checksums_the_table_s_own_columns() {
    assertThat(source.stats(LOG, ContentKey.COLUMNS))
        .isEqualTo(source.stats(LOG, List.of("at", "what", "amount")));
    assertThat(source.stats(LOG, COLUMNS).rowCount()).isEqualTo(DISTINCT + 6);
  }

  @Test
  void a_killed_connection_reconnects_and_continues_after_the_last_content_key() {
    List<SourceRow> clean = read(request().build());
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor = source.read(request().build())) {
      while (cursor.hasNext()) {
        rows.add(cursor.next());
        if (rows.size() == 20 || rows.size() == 100) {
          long killed =
              db.queryLong(
                  "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                      + " where datname = current_database() and pid <> pg_backend_pid() and query like '%keyless_log%'");
          assertThat(killed).as("backends reading keyless_log").isPositive();
        }
      }
    }
    assertThat(values(rows)).isEqualTo(values(clean));
  }

  @Test
  void a_table_with_a_column_named_like_a_content_key_column_cannot_be_content_keyed() {
    db.execute("create table odd (\"" + ContentKey.HASH + "\" text)");
    ReadRequest request =
        ReadRequest.builder()
            .table(TableName.of("public", "odd"))
            .columns(ContentKey.COLUMNS)
            .keyColumns(ContentKey.COLUMNS)
            .build();
    assertThatThrownBy(() -> source.read(request))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("public.odd has a column named " + ContentKey.HASH);
  }
}
