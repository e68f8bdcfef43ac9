package io.datomize.examples.e2e;

import static io.datomize.examples.e2e.SyncFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key with a timestamp in microseconds, as PostgreSQL keeps them, finds its rows again although
 * the target's instants hold milliseconds (Pagila's payment is keyed so).
 */
class SyncTimestampKeyTest {
  @TempDir Path runs;

  @Test
  void a_sync_keeps_the_entities_of_rows_keyed_by_a_timestamp_with_microseconds() {
    SyncFixture source =
        new SyncFixture(
            EmbeddedPostgresServer.freshDatabase("sync_timestamp_key").dataSource(),
            RunOptions.builder().runDirectory(runs).build());
    source.execute(
        "CREATE TABLE reading (taken_at timestamptz, seq int, value int,"
            + " PRIMARY KEY (taken_at, seq))",
        "INSERT INTO reading VALUES ('2024-01-01 10:00:00.123456+00', 1, 1),"
            + " ('2024-01-01 10:00:00.5+00', 1, 2), ('2024-01-01 10:00:01.000001+00', 2, 3)");
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();
      source.execute("DELETE FROM reading WHERE value = 2");

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(step(sync, "load public.reading").entitiesDeleted())
          .as(sync.summary())
          .isEqualTo(1);
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
    }
  }

  @Test
  void
      a_sync_rejects_again_the_row_whose_key_meets_another_in_one_millisecond_and_changes_nothing() {
    SyncFixture source =
        new SyncFixture(
            EmbeddedPostgresServer.freshDatabase("sync_timestamp_collision").dataSource(),
            RunOptions.builder().runDirectory(runs).build());
    source.execute(
        "CREATE TABLE tick (at timestamptz PRIMARY KEY, note text)",
        "INSERT INTO tick VALUES ('2024-01-01 10:00:00.123456+00', 'first'),"
            + " ('2024-01-01 10:00:00.123789+00', 'same millisecond'),"
            + " ('2024-01-01 10:00:01+00', 'next')");
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport load = source.migration().to(target).run();
      SortedSet<String> loaded = source.dump(uri);

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(load.rowsRejected()).as(load.summary()).isEqualTo(1);
      assertThat(sync.rowsRejected()).as(sync.summary()).isEqualTo(1);
      assertThat(sync.datoms()).as(sync.summary()).isZero();
      assertThat(source.dump(uri)).isEqualTo(loaded);
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
    }
  }
}
