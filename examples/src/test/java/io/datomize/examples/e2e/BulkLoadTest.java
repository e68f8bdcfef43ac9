package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Peer;
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.report.MigrationReport;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bulk load leaves the database a load as usual leaves: the same datoms for every entity and the
 * same schema, uniqueness and indexes included; it resumes mid-load, falls back to upserts on a
 * loaded target, can be synced, and refuses to constrain values that rows share.
 */
class BulkLoadTest {
  /** An attribute that conventions index, for the column's index of its own in the source. */
  private static final Keyword INDEXED = Keyword.intern("post", "views");

  private static DataSource database;
  private static Mapping mapping;
  private static String usualUri;
  private static SortedSet<String> usualDump;

  @BeforeAll
  static void loadAsUsual() {
    database = EmbeddedPostgresServer.shared().createDatabase("bulk_load");
    QueryfeedDatabase.create(database, 3_000);
    execute(database, "CREATE INDEX ON posts (views)", "CREATE INDEX ON users (last_name)");
    mapping = Mappings.conventions(source().readSchema()).build();
    usualUri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(usualUri).build()) {
      MigrationReport report = migration().to(target).run();
      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.bulkLoad()).isFalse();
      assertThat(report.indexing()).isPresent();
    }
    usualDump = DatomicDump.of(usualUri, identities());
    assertThat(Peer.connect(usualUri).db().attribute(INDEXED).isIndexed()).isTrue();
  }

  @Test
  void a_bulk_load_equals_a_load_as_usual_and_a_second_one_falls_back_to_upserts() {
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport bulk = migration().to(target).bulkLoad();

      assertThat(bulk.bulkLoad()).isTrue();
      assertThat(bulk.succeeded()).as(bulk.summary()).isTrue();
      assertThat(bulk.indexing()).isPresent();
      assertThat(bulk.summary()).contains("indexed and unique attributes constrained");
      assertThat(DatomicDump.of(uri, identities())).isEqualTo(usualDump);
      assertThat(schema(uri)).isEqualTo(schema(usualUri));

      long basis = Peer.connect(uri).db().basisT();
      MigrationReport again = migration().to(target).bulkLoad();
      assertThat(again.bulkLoad()).isFalse();
      assertThat(again.succeeded()).as(again.summary()).isTrue();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis)).isEmpty();
    }
  }

  @Test
  void a_bulk_load_stopped_mid_load_resumes_to_the_same_database_and_can_then_be_synced() {
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationFailedException failure =
          catchThrowableOfType(
              () -> migration().to(new FailingAt(target, "load public.posts", 3)).bulkLoad(),
              MigrationFailedException.class);
      assertThat(Peer.connect(uri).db().attribute(INDEXED).isIndexed())
          .as("indexed only after the load")
          .isFalse();

      MigrationReport resumed = migration().to(target).resume(failure.runId());

      assertThat(resumed.bulkLoad()).isTrue();
      assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
      assertThat(DatomicDump.of(uri, identities())).isEqualTo(usualDump);
      assertThat(schema(uri)).isEqualTo(schema(usualUri));
      MigrationReport sync = migration().to(target).sync();
      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(sync.datoms()).isZero();
    }
  }

  @Test
  void rows_that_share_a_unique_value_stop_the_bulk_load_before_uniqueness_is_added() {
    DataSource events = EmbeddedPostgresServer.shared().createDatabase("bulk_duplicates");
    execute(
        events,
        "CREATE TABLE events (id integer PRIMARY KEY, at timestamptz NOT NULL UNIQUE, note text)",
        // a microsecond apart in PostgreSQL, the same instant in Datomic, which keeps
        // milliseconds
        "INSERT INTO events VALUES (1, '2026-01-01 00:00:00.000001+00', 'a'),"
            + " (2, '2026-01-01 00:00:00.000002+00', 'b'), (3, '2026-01-02 00:00:00+00', 'c')");
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationFailedException failure =
          catchThrowableOfType(
              () ->
                  Migration.from(PostgresSource.builder().dataSource(events).build())
                      .mapping(schema -> Mappings.conventions(schema).build())
                      .options(options())
                      .to(target)
                      .bulkLoad(),
              MigrationFailedException.class);

      assertThat(failure.getMessage())
          .contains(
              "several entities of one unique value", ":event/at", "uniqueness was not added");
      Database db = Peer.connect(uri).db();
      assertThat(db.attribute(Keyword.intern("event", "at")).unique()).isNull();
    }
  }

  /** Every installed attribute of the mapping, as the target defines it. */
  private static Map<String, Object> schema(String uri) {
    Database db = Peer.connect(uri).db();
    Map<String, Object> schema = new TreeMap<>();
    for (AttributeSchema attribute : mapping.targetSchema().attributes()) {
      Map<?, ?> definition =
          db.pull(
              "[:db/ident :db/valueType :db/cardinality :db/unique :db/index :db/doc :db/tupleTypes]",
              Keyword.intern(attribute.ident().namespace(), attribute.ident().name()));
      schema.put(attribute.ident().toString(), definition.toString());
    }
    return schema;
  }

  private static Migration.Mapped migration() {
    return Migration.from(source()).mapping(mapping).options(options());
  }

  private static RunOptions options() {
    return RunOptions.builder()
        .batchSize(100)
        .runDirectory(Path.of("target", "bulk-test-runs"))
        .build();
  }

  private static PostgresSource source() {
    return PostgresSource.builder().dataSource(database).build();
  }

  private static List<Attribute> identities() {
    return mapping.entities().stream()
        .map(EntityMapping::identity)
        .map(i -> i.attribute())
        .toList();
  }

  private static void execute(DataSource database, String... statements) {
    SyncFixture.execute(database, statements);
  }

  private static String uri() {
    return "datomic:mem://bulk-" + UUID.randomUUID();
  }
}
