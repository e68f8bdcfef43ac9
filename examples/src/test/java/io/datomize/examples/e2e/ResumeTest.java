package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.Migration;
import io.datomize.catalog.SourceSchema;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedMapping;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.report.MigrationReport;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.Progress;
import io.datomize.run.ProgressListener;
import io.datomize.run.RunOptions;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that dies, in the target or in the source, and is resumed from the checkpoints it committed
 * ends with the database a clean run makes: the same entities and the same datoms, nothing twice,
 * nothing skipped.
 */
class ResumeTest {
  private static final int BATCH = 100;
  private static DataSource database;
  private static Mapping conventions;
  private static SortedSet<String> cleanDump;

  @TempDir Path runs;

  @BeforeAll
  static void cleanRun() {
    database = EmbeddedPostgresServer.shared().createDatabase("queryfeed_resume");
    QueryfeedDatabase.create(database, 4_000);
    SourceSchema schema = source().readSchema();
    conventions = Mappings.conventions(schema).build();
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport clean =
          Migration.from(source())
              .mapping(conventions)
              .options(options(Path.of("target", "resume-test-runs")))
              .to(target)
              .run();
      assertThat(clean.succeeded()).as(clean.summary()).isTrue();
    }
    cleanDump = DatomicDump.of(uri, identities(conventions));
  }

  @Test
  void resumes_after_a_target_failure_at_batch_k_to_the_database_a_clean_run_makes() {
    String uri = uri();
    String runId;
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      TargetSink failing = new FailingAt(target, "load public.posts", 7);
      MigrationFailedException failure =
          catchFailure(
              () ->
                  Migration.from(source())
                      .mapping(conventions)
                      .options(options(runs))
                      .to(failing)
                      .run());
      assertThat(failure)
          .hasMessageContaining("load public.posts")
          .hasMessageContaining("injected failure");
      runId = failure.runId();
      assertThat(target.countEntities(Attribute.of("post", "id")))
          .isLessThan(SourceCounts.count(database, "SELECT count(*) FROM posts"));

      MigrationReport resumed =
          Migration.from(source())
              .mapping(conventions)
              .options(options(runs))
              .to(target)
              .resume(runId);

      assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
      assertThat(resumed.steps())
          .filteredOn(s -> s.stepId().equals("load public.posts"))
          .singleElement()
          .satisfies(s -> assertThat(s.resumedAfter()).isPresent());
    }
    assertThat(DatomicDump.of(uri, identities(conventions))).isEqualTo(cleanDump);
  }

  @Test
  void resumes_after_the_source_connection_is_killed_to_the_database_a_clean_run_makes() {
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      ProgressListener killer =
          new ProgressListener() {
            private boolean killed;

            @Override
            public void progress(Progress progress) {
              if (!killed
                  && progress.stepId().equals("bridge public.post_tags")
                  && progress.stepRows() >= 300) {
                killed = true;
                terminateOtherBackends();
              }
            }
          };
      MigrationFailedException failure =
          catchFailure(
              () ->
                  Migration.from(source())
                      .mapping(conventions)
                      .options(RunOptions.builder().from(options(runs)).progress(killer).build())
                      .to(target)
                      .run());
      assertThat(failure).hasMessageContaining("bridge public.post_tags");

      MigrationReport resumed =
          Migration.from(source())
              .mapping(conventions)
              .options(options(runs))
              .to(target)
              .resume(failure.runId());

      assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
    }
    assertThat(DatomicDump.of(uri, identities(conventions))).isEqualTo(cleanDump);
  }

  @Test
  void
      resumes_a_keyless_table_interrupted_among_duplicate_rows_to_the_database_a_clean_run_makes() {
    DataSource keyless = auditLog();
    Mapping mapping =
        Mappings.conventions(PostgresSource.builder().dataSource(keyless).build().readSchema())
            .build();
    String cleanUri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(cleanUri).build()) {
      MigrationReport clean =
          Migration.from(PostgresSource.builder().dataSource(keyless).build())
              .mapping(mapping)
              .options(options(runs))
              .to(target)
              .run();
      assertThat(clean.succeeded()).as(clean.summary()).isTrue();
    }
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      TargetSink failing = new FailingAt(target, "load public.audit_log", 3);
      MigrationFailedException failure =
          catchFailure(
              () ->
                  Migration.from(PostgresSource.builder().dataSource(keyless).build())
                      .mapping(mapping)
                      .options(options(runs))
                      .to(failing)
                      .run());
      assertThat(failure).hasMessageContaining("load public.audit_log");
      assertThat(target.countEntities(mapping.entities().get(0).identity().attribute()))
          .isBetween(1L, 999L);

      MigrationReport resumed =
          Migration.from(PostgresSource.builder().dataSource(keyless).build())
              .mapping(mapping)
              .options(options(runs))
              .to(target)
              .resume(failure.runId());

      assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
      assertThat(resumed.steps())
          .filteredOn(s -> s.stepId().equals("load public.audit_log"))
          .singleElement()
          .satisfies(s -> assertThat(s.resumedAfter()).isPresent());
    }
    assertThat(DatomicDump.of(uri, identities(mapping)))
        .isNotEmpty()
        .isEqualTo(DatomicDump.of(cleanUri, identities(mapping)));
  }

  @Test
  void a_resumed_run_writes_the_first_attempts_default_now_values() {
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      TargetSink failing = new FailingAt(target, "load public.users", 2);
      Function<SourceSchema, Mapping> mapping = QueryfeedMapping::mapping;
      MigrationFailedException failure =
          catchFailure(
              () ->
                  Migration.from(source())
                      .mapping(mapping)
                      .options(options(runs))
                      .to(failing)
                      .run());

      MigrationReport resumed =
          Migration.from(source())
              .mapping(mapping)
              .options(options(runs))
              .to(target)
              .resume(failure.runId());

      assertThat(resumed.succeeded()).as(resumed.summary()).isTrue();
      Instant runStart = io.datomize.internal.engine.RunIds.startOf(failure.runId());
      long defaulted =
          DatomicDump.of(uri, List.of(Attribute.of("user", "pg-id"))).stream()
              .filter(d -> d.contains(" :user/created-at "))
              .filter(d -> d.endsWith(java.util.Date.from(runStart).toString()))
              .count();
      assertThat(
              SourceCounts.count(database, "SELECT count(*) FROM users WHERE created_at IS NULL"))
          .isPositive();
      assertThat(defaulted)
          .isEqualTo(
              SourceCounts.count(database, "SELECT count(*) FROM users WHERE created_at IS NULL"));
    }
  }

  private static MigrationFailedException catchFailure(Runnable run) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(
            () -> {
              try {
                run.run();
              } catch (RuntimeException e) {
                thrown[0] = e;
                throw e;
              }
            })
        .isInstanceOf(MigrationFailedException.class);
    return (MigrationFailedException) thrown[0];
  }

  /**
   * A database of one table with neither primary nor unique key, whose 1,000 rows hold only 37
   * distinct contents, so that every batch boundary falls among duplicate rows.
   */
  private static DataSource auditLog() {
    DataSource keyless = EmbeddedPostgresServer.shared().createDatabase("keyless_resume");
    try (Connection connection = keyless.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE audit_log (action text NOT NULL, user_id bigint, note text)");
      sql.execute(
          "INSERT INTO audit_log SELECT 'action ' || (i % 37), CASE WHEN i % 37 = 0 THEN NULL ELSE i % 37"
              + " END, NULL FROM generate_series(1, 1000) i");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return keyless;
  }

  private static void terminateOtherBackends() {
    try (Connection connection = database.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PostgresSource source() {
    return PostgresSource.builder().dataSource(database).build();
  }

  private static RunOptions options(Path runs) {
    return RunOptions.builder().batchSize(BATCH).runDirectory(runs).build();
  }

  private static String uri() {
    return "datomic:mem://resume-" + UUID.randomUUID();
  }

  private static List<Attribute> identities(Mapping mapping) {
    return mapping.entities().stream()
        .map(EntityMapping::identity)
        .map(i -> i.attribute())
        .toList();
  }
}
