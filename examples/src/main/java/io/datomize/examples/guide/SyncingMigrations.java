package io.datomize.examples.guide;

// spotless:off
// tag::sync-imports[]
import io.datomize.Migration;
import io.datomize.catalog.TableName;
import io.datomize.jdbc.PostgresSource;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;
import io.datomize.run.DeletedRows;
import io.datomize.run.RunOptions;
import io.datomize.spi.TargetSink;
import java.nio.file.Path;
// end::sync-imports[]
// spotless:on

/** The guide's sync: a rehearsal of what would change, then the sync itself. */
public final class SyncingMigrations {
  private SyncingMigrations() {}

  /**
   * Brings a target that a load filled up to date with the source, reading only the posts changed
   * since the last run.
   *
   * @return the rehearsal's report and the sync's
   */
  public static MigrationReport[] catchUp(PostgresSource postgres, TargetSink datomic, Path runs) {
    // spotless:off
    // tag::sync[]
    Migration.Ready toDatomic = Migration.from(postgres)
        .mapping(schema -> Mappings.conventions(schema).build())
        .options(RunOptions.builder()
            .putWatermarks(TableName.parse("posts"), "updated_at")  // optional, per table
            .deletedRows(DeletedRows.RETRACT)                       // the default; or MARK, REPORT
            .runDirectory(runs)
            .build())
        .to(datomic);
    MigrationReport rehearsal = toDatomic.dryRunSync();             // what a sync would change
    MigrationReport report = toDatomic.sync();                      // or resume(runId) after a failure
    System.out.print(report.summary());
    // end::sync[]
    // spotless:on
    return new MigrationReport[] {rehearsal, report};
  }
}
