package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table that other tables inherit from is read, counted and checksummed without its children's
 * rows.
 */
class InheritanceTest {
  private static final TableName CITY = TableName.of("public", "city");
  private static final TableName CAPITAL = TableName.of("public", "capital");

  private static PostgresSource source;

  @BeforeAll
  static void createTables() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("inheritance");
    db.execute(
        "create table city (id integer primary key, name text)",
        "create table capital (state text) inherits (city)",
        "insert into city values (1, 'Springfield'), (2, 'Shelbyville')",
        "insert into capital values (3, 'Sacramento', 'CA')",
        "create table city_alone (id integer primary key, name text)",
        "insert into city_alone values (1, 'Springfield'), (2, 'Shelbyville')");
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
  }

  private static List<Object> ids(TableName table, List<String> columns) {
    List<Object> ids = new ArrayList<>();
    try (RowCursor cursor =
        source.read(
            ReadRequest.builder()
                .table(table)
                .columns(columns)
                .addKeyColumns("id")
                .fetchSize(1)
                .build())) {
      cursor.forEachRemaining(row -> ids.add(row.get("id")));
    }
    return ids;
  }

  @Test
  void parent_and_child_are_tables_of_their_own() {
    assertThat(source.readSchema().tables())
        .extracting(t -> t.name())
        .containsExactly(CAPITAL, CITY, TableName.of("public", "city_alone"));
  }

  @Test
  void each_read_returns_only_the_rows_of_its_own_table() {
    assertThat(ids(CITY, List.of("id", "name"))).containsExactly(1L, 2L);
    assertThat(ids(CAPITAL, List.of("id", "name", "state"))).containsExactly(3L);
  }

  @Test
  void counts_and_checksums_cover_only_the_rows_of_their_own_table() {
    assertThat(source.stats(CITY, List.of("id", "name")).rowCount()).isEqualTo(2);
    assertThat(source.stats(CAPITAL, List.of("id", "name", "state")).rowCount()).isEqualTo(1);
    assertThat(source.stats(CITY, List.of("id", "name")).checksum())
        .isEqualTo(
            source.stats(TableName.of("public", "city_alone"), List.of("id", "name")).checksum());
  }
}
