package io.datomize.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.StepReport;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync benchmark's scenario at a tiny scale: what it changes is what the syncs report. */
class SyncScenarioTest {
  @TempDir Path runs;

  @Test
  void the_syncs_change_exactly_the_rows_the_scenario_changed_and_the_report_shows_them() {
    DataSource source = EmbeddedPostgresServer.freshDatabase("sync_bench").dataSource();
    QueryfeedDatabase.create(source, 3_000);
    SyncScenario.prepare(source);
    SyncScenario scenario = new SyncScenario(source, runs);

    List<SyncScenario.Round> rounds = List.of(scenario.run(1), scenario.run(2));

    for (SyncScenario.Round round : rounds) {
      assertThat(round.problems()).isEmpty();
      assertThat(round.verified()).isTrue();
      SyncScenario.Phase unchanged = round.unchanged();
      assertThat(unchanged.rowsRead()).isEqualTo(round.loadReport().rowsRead());
      assertThat(unchanged.datoms() + unchanged.retracted()).isZero();
      assertThat(unchanged.unchanged()).isPositive();

      SyncScenario.Changes changes = round.changes();
      SyncScenario.Phase changed = round.changed();
      for (String table : SyncScenario.ENTITY_TABLES) {
        assertThat(changes.updated().get(table)).as(table).isPositive();
        assertThat(changed.of(table, StepReport::rowsUpdated))
            .as(table)
            .isEqualTo(changes.updated().get(table));
        assertThat(changed.of(table, StepReport::rowsRead))
            .as("a watermarked table reads the changed rows and those at the mark")
            .isEqualTo(round.atOrAboveMarks().get(table))
            .isLessThan(changes.updated().get(table) + SyncScenario.FEW + 5);
      }
      assertThat(changed.of("posts", StepReport::rowsInserted)).isEqualTo(SyncScenario.FEW);
      assertThat(changed.of("ipn", StepReport::entitiesDeleted)).isEqualTo(SyncScenario.FEW);
      assertThat(changes.inserted().get(SyncScenario.BRIDGE)).isPositive();
      assertThat(changes.deleted().get(SyncScenario.BRIDGE)).isPositive();
      assertThat(changed.of(SyncScenario.BRIDGE, StepReport::rowsInserted))
          .isEqualTo(changes.inserted().get(SyncScenario.BRIDGE));
      assertThat(changed.of(SyncScenario.BRIDGE, StepReport::entitiesDeleted))
          .isEqualTo(changes.deleted().get(SyncScenario.BRIDGE));
      assertThat(changed.inserted() + changed.updated() + changed.deleted())
          .isEqualTo(changes.total());
      assertThat(changed.keysChecked()).isPositive();
    }

    String markdown =
        SyncBenchmark.markdown(
            "test", List.of(new SyncBenchmark.Scale("3k", 3_000, java.time.Duration.ZERO, rounds)));
    assertThat(markdown)
        .contains("unchanged, no watermark ≤ 0.5", "1% changed, watermarks ≤ 0.1")
        .contains("| 3k | 2 |")
        .contains("load public.posts", "rest: delete passes");
  }
}
