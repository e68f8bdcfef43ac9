package io.datomize.examples.e2e;

import static io.datomize.examples.e2e.SyncFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
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
}
