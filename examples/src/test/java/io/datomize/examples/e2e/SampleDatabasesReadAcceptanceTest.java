package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.datomize.catalog.Column;
import io.datomize.catalog.EnumType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.examples.sql.ScriptResult;
import io.datomize.examples.sql.SqlScript;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pagila and Chinook, loaded from their psql dumps with {@link SqlScript}, read back through the
 * catalog and the row source. Runs only in the acceptance profile: {@code mvn -B -Pacceptance
 * -Ddatomize.datasets=<folder> verify}.
 */
class SampleDatabasesReadAcceptanceTest {
  private static PostgresSource pagila;
  private static PostgresSource chinook;
  private static SourceSchema pagilaSchema;
  private static SourceSchema chinookSchema;

  @BeforeAll
  static void loadSampleDatabases() {
    Path datasets = datasets();
    TestDatabase pagilaDb = EmbeddedPostgresServer.freshDatabase("pagila");
    SqlScript.run(
        datasets.resolve("pagila/pagila-schema.sql"), pagilaDb.name(), connector(pagilaDb));
    ScriptResult pagilaData =
        SqlScript.run(
            datasets.resolve("pagila/pagila-data.sql"), pagilaDb.name(), connector(pagilaDb));
    assertThat(pagilaData.copiedRows()).isPositive();
    pagilaDb.execute("analyze");
    pagila = PostgresSource.builder().dataSource(pagilaDb.dataSource()).build();
    pagilaSchema = pagila.readSchema();

    TestDatabase start = EmbeddedPostgresServer.freshDatabase("chinook_start");
    ScriptResult chinookLoad =
        SqlScript.run(
            datasets.resolve("chinook/Chinook_PostgreSql.sql"), start.name(), connector(start));
    assertThat(chinookLoad.database()).isEqualTo("chinook");
    chinook = PostgresSource.builder().dataSource(start.dataSource("chinook")).build();
    chinookSchema = chinook.readSchema();
  }

  private static SqlScript.Connector connector(TestDatabase db) {
    return database -> db.dataSource(database).getConnection();
  }

  private static Path datasets() {
    String folder = System.getProperty("datomize.datasets");
    if (folder == null || folder.isBlank()) {
      fail(
          "the acceptance tests need the sample databases: run mvn -B -Pacceptance"
              + " -Ddatomize.datasets=/path/to/shared/datasets verify");
    }
    Path path = Path.of(folder);
    for (String file :
        List.of(
            "pagila/pagila-schema.sql",
            "pagila/pagila-data.sql",
            "chinook/Chinook_PostgreSql.sql")) {
      if (!Files.isRegularFile(path.resolve(file))) {
        fail(
            "no "
                + file
                + " under the datasets folder "
                + path.toAbsolutePath()
                + "; set -Ddatomize.datasets to the folder holding pagila/ and chinook/");
      }
    }
    return path;
  }

  private static List<String> tableNames(SourceSchema schema) {
    return schema.tables().stream().map(t -> t.name().name()).toList();
  }

  /** A bridge: its primary key is exactly the columns of its two single-column foreign keys. */
  private static void assertTwoForeignKeyBridge(Table table) {
    assertThat(table.primaryKey()).hasSize(2);
    assertThat(table.foreignKeys()).hasSize(2);
    assertThat(table.foreignKeys())
        .flatExtracting(ForeignKey::columns)
        .containsExactlyInAnyOrderElementsOf(table.primaryKey());
  }

  @Test
  void pagila_catalog_has_its_fifteen_tables_with_payment_partitions_folded() {
    assertThat(tableNames(pagilaSchema))
        .containsExactly(
            "actor",
            "address",
            "category",
            "city",
            "country",
            "customer",
            "film",
            "film_actor",
            "film_category",
            "inventory",
            "language",
            "payment",
            "rental",
            "staff",
            "store");
    Table payment = pagilaSchema.table("payment");
    assertThat(payment.partitions())
        .extracting(TableName::name)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 7).mapToObj(m -> "payment_p2022_0" + m).toList());
    assertThat(payment.primaryKey()).containsExactly("payment_date", "payment_id");
    assertThat(payment.estimatedRows())
        .isEqualTo(pagila.stats(payment.name(), List.of("payment_id")).rowCount());
  }

  @Test
  void pagila_enum_mpaa_rating_keeps_its_labels_in_order_and_film_uses_it() {
    assertThat(pagilaSchema.enumType("public.mpaa_rating"))
        .contains(EnumType.of("public", "mpaa_rating", List.of("G", "PG", "PG-13", "R", "NC-17")));
    Map<String, Column> film = new HashMap<>();
    pagilaSchema.table("film").columns().forEach(c -> film.put(c.name(), c));
    assertThat(film.get("rating").type().enumType()).contains("public.mpaa_rating");
    assertThat(film.get("release_year").type().family()).isEqualTo(TypeFamily.INTEGER);
    assertThat(film.get("special_features").type().isArray()).isTrue();
  }

  @Test
  void pagila_film_actor_and_film_category_are_two_foreign_key_bridges() {
    assertTwoForeignKeyBridge(pagilaSchema.table("film_actor"));
    assertTwoForeignKeyBridge(pagilaSchema.table("film_category"));
  }

  @Test
  void chinook_catalog_has_its_eleven_tables_a_bridge_and_a_self_reference() {
    assertThat(tableNames(chinookSchema))
        .containsExactly(
            "album",
            "artist",
            "customer",
            "employee",
            "genre",
            "invoice",
            "invoice_line",
            "media_type",
            "playlist",
            "playlist_track",
            "track");
    assertTwoForeignKeyBridge(chinookSchema.table("playlist_track"));
    assertThat(chinookSchema.table("employee").foreignKeys())
        .anySatisfy(
            fk -> {
              assertThat(fk.columns()).containsExactly("reports_to");
              assertThat(fk.target()).isEqualTo(TableName.of("public", "employee"));
              assertThat(fk.targetColumns()).containsExactly("employee_id");
            });
  }

  @Test
  void every_pagila_table_reads_as_many_rows_as_it_counts() {
    assertEveryTableReadsItsCount(pagila, pagilaSchema);
  }

  @Test
  void every_chinook_table_reads_as_many_rows_as_it_counts() {
    assertEveryTableReadsItsCount(chinook, chinookSchema);
  }

  private static void assertEveryTableReadsItsCount(PostgresSource source, SourceSchema schema) {
    for (Table table : schema.tables()) {
      List<String> columns = table.columns().stream().map(Column::name).toList();
      long read = 0;
      try (RowCursor cursor =
          source.read(
              ReadRequest.builder()
                  .table(table.name())
                  .columns(columns)
                  .keyColumns(table.primaryKey())
                  .build())) {
        while (cursor.hasNext()) {
          cursor.next();
          read++;
        }
      }
      long counted = source.stats(table.name(), columns).rowCount();
      assertThat(read).as("rows read from " + table).isEqualTo(counted).isPositive();
    }
  }
}
