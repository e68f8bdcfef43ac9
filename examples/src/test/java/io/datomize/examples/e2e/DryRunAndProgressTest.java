package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedMapping;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.Progress;
import io.datomize.run.ProgressListener;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunAndProgressTest {
  private static DataSource database;
  private static QueryfeedSize size;

  @TempDir Path runs;

  @BeforeAll
  static void generate() {
    database = EmbeddedPostgresServer.shared().createDatabase("queryfeed_dry_run");
    size = QueryfeedDatabase.create(database, 3_000);
  }

  @Test
  void a_dry_run_reports_what_a_real_run_does_and_leaves_the_target_untouched() {
    PostgresSource source = PostgresSource.builder().dataSource(database).build();
    String uri = "datomic:mem://dry-" + UUID.randomUUID();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      Migration.Ready migration =
          Migration.from(source)
              .mapping(QueryfeedMapping::mapping)
              .options(RunOptions.builder().runDirectory(runs).build())
              .to(target);

      MigrationReport rehearsal = migration.dryRun();

      assertThat(rehearsal.dryRun()).isTrue();
      assertThat(rehearsal.succeeded()).as(rehearsal.summary()).isTrue();
      assertThat(datomic.Peer.connect(uri).db().entid(clojure.lang.Keyword.intern("user", "pg-id")))
          .as("the dry run installed no schema in the target")
          .isNull();

      MigrationReport real = migration.run();

      assertThat(counts(rehearsal)).isEqualTo(counts(real));
      assertThat(target.countEntities(Attribute.of("user", "pg-id"))).isEqualTo(size.users());
    }
  }

  @Test
  void reports_progress_per_step_with_rate_and_eta() {
    List<Progress> events = new ArrayList<>();
    List<String> started = new ArrayList<>();
    List<String> finished = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void stepStarted(String stepId, TableName table, long estimatedRows) {
            started.add(stepId);
          }

          @Override
          public void progress(Progress progress) {
            events.add(progress);
          }

          @Override
          public void stepFinished(StepReport report) {
            finished.add(report.stepId());
          }
        };
    PostgresSource source = PostgresSource.builder().dataSource(database).build();
    try (DatomicTarget target =
        DatomicTarget.builder().uri("datomic:mem://progress-" + UUID.randomUUID()).build()) {
      Migration.from(source)
          .mapping(QueryfeedMapping::mapping)
          .options(
              RunOptions.builder()
                  .batchSize(100)
                  .progress(listener)
                  .runDirectory(runs)
                  .verify(false)
                  .build())
          .to(target)
          .run();
    }

    assertThat(started)
        .isEqualTo(finished)
        .contains("load public.users", "bridge public.post_tags");
    assertThat(events).isNotEmpty();
    assertThat(events).extracting(Progress::totalRows).isSorted();
    Progress last = events.get(events.size() - 1);
    assertThat(last.totalRows()).isEqualTo(size.total());
    assertThat(last.totalEstimatedRows()).isPositive();
    assertThat(last.rowsPerSecond()).isPositive();
    assertThat(events.get(0).eta()).isPresent();
    assertThat(events)
        .filteredOn(p -> p.stepId().equals("load public.users"))
        .extracting(Progress::stepRows)
        .last()
        .isEqualTo(size.users());
  }

  private static List<String> counts(MigrationReport report) {
    return report.steps().stream()
        .map(
            s ->
                s.stepId()
                    + " "
                    + s.rowsRead()
                    + " "
                    + s.rowsLoaded()
                    + " "
                    + s.rowsRejected()
                    + " "
                    + s.datoms())
        .toList();
  }
}
