package io.datomize.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fetch holds at most the request's rows and about its bytes: small rows reach the row limit in a
 * few fetches, large ones keep each fetch near the byte limit.
 */
class FetchSizingTest {
  private static final TableName SMALL = TableName.of("public", "small");
  private static final TableName LARGE = TableName.of("public", "large");
  private static final int LARGE_ROW_CHARS = 100_000;

  private static TestDatabase db;

  @BeforeAll
  static void createTables() {
    db = EmbeddedPostgresServer.freshDatabase("fetch_sizing");
    db.execute(
        "create table small (id bigint primary key, body text)",
        "insert into small select g, 'row ' || g from generate_series(1, 5000) g",
        "create table large (id bigint primary key, body text)",
        "insert into large select g, repeat(chr(97 + g % 26), "
            + LARGE_ROW_CHARS
            + ") from generate_series(1, 60) g");
  }

  /** Reads the whole table; returns the ids read and the cursor's last fetch size. */
  private static int readAll(TableName table, int fetchSize, long fetchBytes, List<Long> ids) {
    return readAll(table, fetchSize, fetchBytes, ids, new FetchSizes());
  }

  private static KeysetCursor cursor(
      TableName table, int fetchSize, long fetchBytes, FetchSizes sizes) {
    ReadRequest request =
        ReadRequest.builder()
            .table(table)
            .addColumns("id", "body")
            .addKeyColumns("id")
            .fetchSize(fetchSize)
            .fetchBytes(fetchBytes)
            .build();
    PgColumn id =
        new PgColumn(
            1,
            "id",
            ColumnType.of("bigint", TypeFamily.INTEGER),
            false,
            "pg_catalog",
            "int8",
            null,
            null);
    PgColumn body =
        new PgColumn(
            2,
            "body",
            ColumnType.of("text", TypeFamily.TEXT),
            true,
            "pg_catalog",
            "text",
            null,
            null);
    return new KeysetCursor(
        Connections.of(db.dataSource()),
        DSL.using(SQLDialect.POSTGRES),
        request,
        new PgRelation(table, 'r', List.of(id, body)).rows(),
        DSL.noCondition(),
        List.of(new ColumnDecoder(id), new ColumnDecoder(body)),
        RetryPolicy.none(),
        sizes,
        c -> {});
  }

  private static int readAll(
      TableName table, int fetchSize, long fetchBytes, List<Long> ids, FetchSizes sizes) {
    try (KeysetCursor cursor = cursor(table, fetchSize, fetchBytes, sizes)) {
      cursor.forEachRemaining(row -> ids.add((Long) row.get("id")));
      return cursor.fetchRows();
    }
  }

  @Test
  void small_rows_are_fetched_as_many_as_the_request_allows() {
    List<Long> ids = new ArrayList<>();

    int fetchRows = readAll(SMALL, 2_000, 32L << 20, ids);

    assertThat(ids).hasSize(5000).isSorted().doesNotHaveDuplicates();
    assertThat(fetchRows).isEqualTo(2_000);
  }

  @Test
  void the_next_read_of_a_table_starts_at_the_size_its_rows_call_for() {
    FetchSizes sizes = new FetchSizes();
    readAll(SMALL, 2_000, 32L << 20, new ArrayList<>(), sizes);
    readAll(LARGE, 1_000, 4L * LARGE_ROW_CHARS, new ArrayList<>(), sizes);

    try (KeysetCursor small = cursor(SMALL, 2_000, 32L << 20, sizes);
        KeysetCursor large = cursor(LARGE, 1_000, 4L * LARGE_ROW_CHARS, sizes);
        KeysetCursor unknown = cursor(SMALL, 2_000, 32L << 20, new FetchSizes())) {
      assertThat(small.fetchRows()).isEqualTo(2_000);
      assertThat(large.fetchRows()).isBetween(1, 4);
      assertThat(unknown.fetchRows()).isEqualTo(FetchSizes.FIRST_FETCH_ROWS);
    }
  }

  @Test
  void large_rows_are_fetched_a_few_at_a_time_and_none_is_lost() {
    List<Long> ids = new ArrayList<>();

    int fetchRows = readAll(LARGE, 1_000, 4L * LARGE_ROW_CHARS, ids);

    assertThat(ids).hasSize(60).isSorted().doesNotHaveDuplicates();
    assertThat(fetchRows).isBetween(1, 4);
  }
}
