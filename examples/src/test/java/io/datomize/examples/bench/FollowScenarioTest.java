package io.datomize.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.e2e.DatomicDump;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.model.EntityMapping;
import io.datomize.report.FollowReport;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follow benchmark's scenario at a tiny size: the follower applies exactly what the writer
 * changed in each phase, the target ends equal to a fresh migration of the source, and the report
 * shows every phase.
 */
class FollowScenarioTest {
  @TempDir Path runs;

  @Test
  void every_phase_applies_what_the_writer_changed_and_the_target_ends_equal_to_the_source() {
    DataSource source = EmbeddedPostgresServer.freshDatabase("follow_bench").dataSource();
    QueryfeedDatabase.create(source, 2_000);
    String uri = "datomic:mem://follow-bench-" + UUID.randomUUID();

    FollowScenario.Result result =
        new FollowScenario(source, runs, 7)
            .run(uri, new FollowScenario.Settings(60, 3, 50, Duration.ofMillis(300)));

    assertThat(result.problems()).isEmpty();
    assertThat(result.snapshot().report().snapshot()).isPresent();
    assertThat(result.snapshot().report().snapshot().get().rowsRead())
        .isGreaterThanOrEqualTo(2_000);
    assertThat(result.idle().report().transactions()).isZero();
    assertThat(result.single().report().transactions())
        .isEqualTo(result.singleTransactions())
        .isBetween(40L, 60L);
    assertThat(result.single().report().changes())
        .isEqualTo(result.singleChanges())
        .isBetween(40L, 60L);
    assertThat(result.batch().report().transactions()).isEqualTo(3);
    assertThat(result.batch().report().changes()).isEqualTo(result.batchChanges()).isEqualTo(150);
    FollowScenario.Lag lag = result.lag();
    assertThat(lag.transactions()).isPositive();
    assertThat(lag.report().stop()).isEqualTo(FollowReport.Stop.INTERRUPTED);
    assertThat(lag.report().changes() + result.last().changes()).isEqualTo(lag.changes());
    assertThat(result.last().slotDropped()).isTrue();
    assertThat(result.verified()).isTrue();
    assertThat(DatomicDump.of(uri, identities(source))).isEqualTo(fresh(source));

    String markdown =
        FollowBenchmark.markdown(
            "test", "2k", result, new FollowBenchmark.Bulk(3_000, Duration.ofSeconds(1)));
    assertThat(markdown)
        .contains("| single-row transactions | " + result.singleTransactions() + " |")
        .contains("| 50-row transactions | 3 | 150 |")
        .contains("bulk load", "lag bounded");
  }

  private java.util.SortedSet<String> fresh(DataSource source) {
    String uri = "datomic:mem://follow-bench-fresh-" + UUID.randomUUID();
    try (PostgresSource postgres = PostgresSource.builder().dataSource(source).build();
        DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport report =
          Migration.from(postgres)
              .mapping(BenchmarkMapping::mapping)
              .options(RunOptions.builder().runDirectory(runs).build())
              .to(target)
              .run();
      assertThat(report.succeeded()).as(report.summary()).isTrue();
    }
    return DatomicDump.of(uri, identities(source));
  }

  private static List<Attribute> identities(DataSource source) {
    try (PostgresSource postgres = PostgresSource.builder().dataSource(source).build()) {
      return BenchmarkMapping.mapping(postgres.readSchema()).entities().stream()
          .map(EntityMapping::identity)
          .map(i -> i.attribute())
          .toList();
    }
  }
}
