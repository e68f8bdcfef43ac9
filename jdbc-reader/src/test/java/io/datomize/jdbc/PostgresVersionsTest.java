package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.spi.ContentKey;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.SourceRow;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader on the oldest and the newest PostgreSQL versions it supports, each started from
 * zonky's binaries of that version (copied by the build into {@code target/postgres-versions}): the
 * catalog with every feature the reader reads, key-ordered and content-keyed reads, and counts.
 */
class PostgresVersionsTest {
  static Stream<Path> versions() throws IOException {
    Path folder =
        Path.of(System.getProperty("datomize.postgres.versions", "target/postgres-versions"));
    try (Stream<Path> jars = Files.list(folder)) {
      List<Path> found = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      assertThat(found).as("PostgreSQL binaries in " + folder).hasSize(2);
      return found.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("versions")
  void reads_catalog_and_rows_on_each_supported_version(Path binaries) throws Exception {
    try (EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver((system, hardware) -> txz(binaries))
            .start()) {
      try (Connection connection = server.getPostgresDatabase().getConnection();
          Statement sql = connection.createStatement()) {
        sql.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
        sql.execute(
            "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, mood mood, tags text[],"
                + " born date DEFAULT now(), code text CHECK (code IN ('a', 'b')))");
        sql.execute("COMMENT ON TABLE people IS 'the people'");
        sql.execute("CREATE INDEX people_name ON people (name)");
        sql.execute(
            "CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES people (id), UNIQUE (owner_id, id))");
        sql.execute("CREATE TABLE events (at timestamptz, what text)");
        sql.execute(
            "CREATE TABLE readings (id int, taken date, PRIMARY KEY (id, taken)) PARTITION BY RANGE (taken)");
        sql.execute(
            "CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        sql.execute(
            "INSERT INTO people VALUES (1, 'Ada', 'happy', '{x,y}', '1815-12-10', 'a'),"
                + " (2, 'Alan', NULL, NULL, '1912-06-23', 'b')");
        sql.execute("INSERT INTO pets VALUES (1, 1), (2, 1)");
        sql.execute(
            "INSERT INTO events VALUES ('2024-01-01 00:00:00+00', 'x'), ('2024-01-01 00:00:00+00', 'x')");
        sql.execute("INSERT INTO readings VALUES (1, '2024-03-01')");
      }
      PostgresSource source =
          PostgresSource.builder().dataSource(server.getPostgresDatabase()).build();

      SourceSchema schema = source.readSchema();

      Table people = schema.table("people");
      assertThat(people.comment()).contains("the people");
      assertThat(people.column("name").orElseThrow().isIndexed()).isTrue();
      assertThat(people.column("born").orElseThrow().defaultExpression()).isPresent();
      assertThat(people.enumCandidates())
          .singleElement()
          .satisfies(c -> assertThat(c.values()).containsExactly("a", "b"));
      assertThat(schema.enumTypes())
          .singleElement()
          .satisfies(e -> assertThat(e.labels()).containsExactly("happy", "sad"));
      assertThat(schema.table("pets").foreignKeys())
          .singleElement()
          .satisfies(fk -> assertThat(fk.target().name()).isEqualTo("people"));
      assertThat(schema.table("readings").partitions()).hasSize(1);
      assertThat(
              rows(
                  source,
                  ReadRequest.builder()
                      .table(people.name())
                      .columns(List.of("id", "name", "mood", "tags", "born"))
                      .keyColumns(List.of("id"))
                      .build()))
          .extracting(r -> r.get("name"))
          .containsExactly("Ada", "Alan");
      List<String> eventColumns = new ArrayList<>(List.of("at", "what"));
      eventColumns.addAll(ContentKey.COLUMNS);
      assertThat(
              rows(
                  source,
                  ReadRequest.builder()
                      .table(schema.table("events").name())
                      .columns(eventColumns)
                      .keyColumns(ContentKey.COLUMNS)
                      .build()))
          .extracting(r -> r.get(ContentKey.OCCURRENCE))
          .containsExactly(1L, 2L);
      assertThat(source.stats(schema.table("readings").name(), List.of("id", "taken")).rowCount())
          .isEqualTo(1);
    }
  }

  private static List<SourceRow> rows(PostgresSource source, ReadRequest request) {
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor = source.read(request)) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The server binaries inside zonky's jar of one version. */
  private static InputStream txz(Path jar) throws IOException {
    ZipFile zip = new ZipFile(jar.toFile());
    return new FilterInputStream(zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
      @Override
      public void close() throws IOException {
        super.close();
        zip.close();
      }
    };
  }
}
