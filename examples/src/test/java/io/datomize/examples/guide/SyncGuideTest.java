package io.datomize.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's sync code, on Queryfeed with an {@code updated_at} on its posts. */
class SyncGuideTest {
  @TempDir Path runs;

  @Test
  void the_guides_sync_rehearses_then_transacts_only_the_changed_posts() throws SQLException {
    DataSource database = EmbeddedPostgresServer.shared().createDatabase("sync_guide");
    QueryfeedDatabase.create(database, 2_000);
    execute(
        database,
        "ALTER TABLE posts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()",
        "UPDATE posts SET updated_at = created_at");
    try (PostgresSource postgres = PostgresSource.builder().dataSource(database).build();
        DatomicTarget datomic =
            DatomicTarget.builder().uri("datomic:mem://sync-guide-" + UUID.randomUUID()).build()) {
      Migration.from(postgres)
          .mapping(schema -> Mappings.conventions(schema).build())
          .options(
              RunOptions.builder()
                  .putWatermarks(io.datomize.catalog.TableName.parse("posts"), "updated_at")
                  .runDirectory(runs)
                  .build())
          .to(datomic)
          .run();
      execute(
          database,
          "UPDATE posts SET title = 'edited', updated_at = now() + interval '1 hour'"
              + " WHERE id IN (SELECT id FROM posts ORDER BY id LIMIT 3)");

      MigrationReport[] reports = SyncingMigrations.catchUp(postgres, datomic, runs);

      for (MigrationReport report : reports) {
        StepReport posts =
            report.steps().stream()
                .filter(s -> s.stepId().equals("load public.posts"))
                .findFirst()
                .orElseThrow();
        assertThat(posts.rowsUpdated()).as(report.summary()).isEqualTo(3);
        assertThat(posts.rowsRead()).isLessThan(10);
        assertThat(report.succeeded()).as(report.summary()).isTrue();
      }
      assertThat(reports[0].dryRun()).isTrue();
    }
  }

  private static void execute(DataSource database, String... statements) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
