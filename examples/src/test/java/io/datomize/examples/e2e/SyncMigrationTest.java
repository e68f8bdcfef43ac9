package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datomic.Peer;
import io.datomize.Migration;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.spi.SchemaConflictException;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync makes a loaded target equal to a fresh migration of the source as it is now, after every
 * kind of change a live source sees, and transacts nothing more when run again.
 */
class SyncMigrationTest {
  private static final int BATCH = 100;

  @TempDir Path runs;

  @Test
  void a_sync_after_every_kind_of_change_equals_a_fresh_migration_and_a_second_changes_nothing() {
    DataSource database = queryfeed("sync_mutate");
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      assertThat(migration(database).to(target).run().succeeded()).isTrue();
      mutate(database);

      MigrationReport sync = migration(database).to(target).sync();

      assertThat(sync.sync()).isTrue();
      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(sum(sync, StepReport::rowsInserted)).isPositive();
      assertThat(sum(sync, StepReport::rowsUpdated)).isPositive();
      assertThat(sum(sync, StepReport::entitiesDeleted)).isPositive();
      assertThat(sum(sync, StepReport::datomsRetracted)).isPositive();
      assertThat(sync.summary()).contains("inserted", "updated", "unchanged", "retracted");
      assertThat(sync.toJson()).contains("\"rowsInserted\"", "\"entitiesDeleted\"");
      assertThat(DatomicDump.of(uri, identities(database))).isEqualTo(fresh(database));

      long basis = basisT(uri);
      MigrationReport again = migration(database).to(target).sync();
      assertThat(again.succeeded()).as(again.summary()).isTrue();
      assertThat(again.datoms()).isZero();
      assertThat(sum(again, StepReport::datomsRetracted)).isZero();
      assertThat(sum(again, StepReport::transactions)).isZero();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis))
          .as("only the run record is transacted")
          .isEmpty();
      assertThat(basisT(uri)).isGreaterThan(basis);
    }
  }

  @Test
  void a_dry_run_sync_reports_the_changes_and_leaves_the_target_as_it_was() {
    DataSource database = queryfeed("sync_dry_run");
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      migration(database).to(target).run();
      SortedSet<String> before = DatomicDump.of(uri, identities(database));
      long basis = basisT(uri);
      mutate(database);

      MigrationReport rehearsal = migration(database).to(target).dryRunSync();

      assertThat(rehearsal.dryRun()).isTrue();
      assertThat(sum(rehearsal, StepReport::rowsUpdated)).isPositive();
      assertThat(sum(rehearsal, StepReport::entitiesDeleted)).isPositive();
      assertThat(basisT(uri)).isEqualTo(basis);
      assertThat(DatomicDump.of(uri, identities(database))).isEqualTo(before);
    }
  }

  @Test
  void an_interrupted_sync_resumes_to_the_same_database() {
    DataSource database = queryfeed("sync_resume");
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      migration(database).to(target).run();
      execute(database, "UPDATE posts SET title = title || ' (edited)' WHERE id % 3 = 0");
      TargetSink failing = new FailingAt(target, "load public.posts", 2);

      MigrationFailedException failure =
          (MigrationFailedException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> migration(database).to(failing).sync());

      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).contains("injected failure");
      MigrationReport resumed = migration(database).to(target).resume(failure.runId());
      assertThat(resumed.sync()).isTrue();
      assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
      StepReport posts = step(resumed, "load public.posts");
      assertThat(posts.resumedAfter()).isPresent();
      assertThat(DatomicDump.of(uri, identities(database))).isEqualTo(fresh(database));
      assertThat(migration(database).to(target).resume(failure.runId()).datoms()).isZero();
    }
  }

  @Test
  void with_a_watermark_a_sync_reads_only_the_changed_rows_and_the_keys() {
    DataSource database = queryfeed("sync_watermark");
    execute(
        database,
        "ALTER TABLE posts ADD COLUMN updated_at timestamptz",
        "UPDATE posts SET updated_at = created_at",
        "ALTER TABLE posts ALTER COLUMN updated_at SET NOT NULL");
    String uri = uri();
    RunOptions options =
        RunOptions.builder()
            .from(options())
            .putWatermarks(TableName.of("public", "posts"), "updated_at")
            .build();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      migration(database).options(options).to(target).run();
      long atOrAboveMark =
          count(
              database,
              "SELECT count(*) FROM posts WHERE updated_at = (SELECT max(updated_at) FROM posts)");
      execute(
          database,
          "UPDATE posts SET title = 'changed', updated_at = now() + interval '1 day' WHERE id IN"
              + " (SELECT id FROM posts ORDER BY id LIMIT 7)",
          "DELETE FROM post_tags WHERE post_id = (SELECT max(id) FROM posts)",
          "DELETE FROM posts WHERE id = (SELECT max(id) FROM posts)");
      long posts = count(database, "SELECT count(*) FROM posts");

      MigrationReport sync = migration(database).options(options).to(target).sync();

      StepReport postStep = step(sync, "load public.posts");
      assertThat(postStep.rowsRead()).isEqualTo(7 + atOrAboveMark);
      assertThat(postStep.rowsUpdated()).isEqualTo(7);
      assertThat(postStep.keysChecked()).isEqualTo(posts + 1);
      assertThat(postStep.entitiesDeleted()).isEqualTo(1);
      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(DatomicDump.of(uri, identities(database))).isEqualTo(fresh(database));
    }
  }

  @Test
  void an_incompatible_schema_change_is_refused_before_anything_is_transacted() {
    DataSource database = queryfeed("sync_incompatible");
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      migration(database).to(target).run();
      execute(database, "ALTER TABLE posts ALTER COLUMN views TYPE text");
      long basis = basisT(uri);

      assertThatThrownBy(() -> migration(database).to(target).sync())
          .isInstanceOf(SchemaConflictException.class)
          .hasMessageContaining(":post/views");
      assertThat(basisT(uri)).isEqualTo(basis);
    }
  }

  /**
   * Every change the issue lists: new rows, changed, nulled and re-pointed values, a new column and
   * table, a new and a renamed enum value, array elements, bridge links added and removed, and
   * deleted rows.
   */
  private static void mutate(DataSource database) {
    execute(
        database,
        // a new column with values, a new table, a new and a renamed enum label
        "ALTER TABLE posts ADD COLUMN keywords text[]",
        "UPDATE posts SET keywords = ARRAY['a', 'b'] WHERE id % 5 = 0",
        "CREATE TABLE badges (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), label text)",
        "INSERT INTO badges SELECT id, id, 'badge ' || id FROM users WHERE id % 7 = 0",
        "ALTER TYPE user_status ADD VALUE 'archived'",
        "ALTER TYPE order_state RENAME VALUE 'shipped' TO 'sent'",
        // new rows
        "INSERT INTO users (id, email, status, password_hash, first_name)"
            + " VALUES (900001, 'new@example.com', 'active', 'x', 'New')",
        "INSERT INTO posts (id, user_id, title, views, score, pinned, created_at)"
            + " VALUES (900001, 900001, 'hello', 1, 0.5, false, now())",
        // changed, nulled, re-pointed values
        "UPDATE users SET first_name = first_name || '!' WHERE id % 11 = 0",
        "UPDATE users SET bio = NULL, website = NULL WHERE id % 3 = 0",
        "UPDATE posts SET body = NULL WHERE id % 4 = 0",
        "UPDATE posts SET user_id = 900001 WHERE id % 13 = 0",
        "UPDATE orders SET note = 'edited', total = total + 1 WHERE id % 9 = 0",
        // array elements added and removed
        "UPDATE posts SET keywords = ARRAY['b', 'c'] WHERE id % 10 = 0",
        // bridge links added and removed
        "DELETE FROM post_tags WHERE post_id % 6 = 0",
        "INSERT INTO post_tags SELECT p.id, t.id FROM posts p CROSS JOIN (SELECT min(id) id FROM tags) t"
            + " WHERE p.id % 8 = 1 ON CONFLICT DO NOTHING",
        // deleted rows
        "DELETE FROM ipn WHERE id % 5 = 0",
        "DELETE FROM post_tags WHERE post_id IN (SELECT id FROM posts WHERE id % 17 = 0)",
        "DELETE FROM posts WHERE id % 17 = 0");
  }

  private static Migration.Mapped migration(DataSource database) {
    return Migration.from(PostgresSource.builder().dataSource(database).build())
        .mapping(schema -> Mappings.conventions(schema).build())
        .options(options());
  }

  private static RunOptions options() {
    return RunOptions.builder()
        .batchSize(BATCH)
        .runDirectory(Path.of("target", "sync-test-runs"))
        .build();
  }

  /** The dump of a fresh migration of the source as it is now into an empty database. */
  private static SortedSet<String> fresh(DataSource database) {
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport report = migration(database).to(target).run();
      assertThat(report.succeeded()).as(report.summary()).isTrue();
    }
    return DatomicDump.of(uri, identities(database));
  }

  private static List<Attribute> identities(DataSource database) {
    Mapping mapping =
        Mappings.conventions(PostgresSource.builder().dataSource(database).build().readSchema())
            .build();
    return mapping.entities().stream()
        .map(EntityMapping::identity)
        .map(i -> i.attribute())
        .toList();
  }

  private static DataSource queryfeed(String name) {
    DataSource database = EmbeddedPostgresServer.shared().createDatabase(name);
    QueryfeedDatabase.create(database, 3_000);
    return database;
  }

  private static StepReport step(MigrationReport report, String stepId) {
    return report.steps().stream().filter(s -> s.stepId().equals(stepId)).findFirst().orElseThrow();
  }

  private static long sum(MigrationReport report, java.util.function.ToLongFunction<StepReport> f) {
    return report.steps().stream().mapToLong(f).sum();
  }

  private static long basisT(String uri) {
    return Peer.connect(uri).db().basisT();
  }

  private static void execute(DataSource database, String... statements) {
    SyncFixture.execute(database, statements);
  }

  private static long count(DataSource database, String sql) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String uri() {
    return "datomic:mem://sync-" + UUID.randomUUID();
  }
}
