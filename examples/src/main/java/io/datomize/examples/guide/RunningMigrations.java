package io.datomize.examples.guide;

// spotless:off
// tag::running-imports[]
import io.datomize.Migration;
import io.datomize.datomic.SchemaEdn;
import io.datomize.examples.queryfeed.QueryfeedMapping;
import io.datomize.jdbc.PostgresSource;
import io.datomize.plan.Plan;
import io.datomize.report.MigrationReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.ProgressListener;
import io.datomize.run.RunOptions;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import io.datomize.verify.VerificationReport;
import java.nio.file.Path;
// end::running-imports[]
// spotless:on

/** The guide's run options, plan review, dry run, resume and verification. */
public final class RunningMigrations {
  private RunningMigrations() {}

  /** Plans, rehearses, runs (resuming once after a failure) and verifies again. */
  public static MigrationReport migrate(
      PostgresSource source, TargetSink target, Path runs, ProgressListener bar) {
    // spotless:off
    // tag::options[]
    Migration.Mapped migration = Migration.from(source)
        .mapping(QueryfeedMapping::mapping)
        .deferRefs(Attribute.of("ipn", "order"))       // assert these refs in a link step after every load
        .options(RunOptions.builder()
            .batchSize(500)                            // source rows per transaction; default 1,000
            .batchBytes(4L << 20)                      // and at most 4 MiB of values; default 8 MiB
            .transactionsInFlight(8)                   // default 4
            .errorPolicy(ErrorPolicy.maxRejects(100))  // or failFast(), maxRejectRatio(0.001)
            .progress(bar)                             // a ProgressListener; default none
            .runDirectory(runs)                        // report.json and rejects; default ./datomize-runs
            .verifySample(10)                          // compare the values of every 10th row; default 1
            .build());
    Migration.Ready toDatomic = migration.to(target);
    // end::options[]
    // spotless:on

    // spotless:off
    // tag::review[]
    Plan plan = migration.plan();                      // needs no target
    System.out.println(plan.explain());
    SchemaEdn.write(plan.mapping().targetSchema(), runs.resolve("schema.edn"));
    MigrationReport rehearsal = toDatomic.dryRun();    // the target stays untouched
    // end::review[]
    // spotless:on
    System.out.print(rehearsal.summary());

    // spotless:off
    // tag::resume[]
    MigrationReport report;
    try {
      report = toDatomic.run();
    } catch (MigrationFailedException e) {
      // fix the cause (data, mapping, connection), then continue after the last checkpoint
      report = toDatomic.resume(e.runId());
    }
    // end::resume[]
    // spotless:on

    // spotless:off
    // tag::verify[]
    VerificationReport verification = toDatomic.verify();
    if (!verification.passed()) {
      throw new IllegalStateException("the target differs from the source:\n" + verification.summary());
    }
    // end::verify[]
    // spotless:on
    return report;
  }
}
