package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverters;
import io.datomize.plan.InstallSchemaStep;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.plan.PlanStep;
import io.datomize.plan.RowStep;
import io.datomize.plan.VerifyStep;
import io.datomize.report.FollowReport;
import io.datomize.report.MigrationReport;
import io.datomize.report.NotMigrated;
import io.datomize.report.StepReport;
import io.datomize.run.DeletedRows;
import io.datomize.run.FollowOptions;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.spi.ChangeSource;
import io.datomize.spi.RowSource;
import io.datomize.spi.RunRecord;
import io.datomize.spi.SourceException;
import io.datomize.spi.TargetSink;
import io.datomize.verify.VerificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Executes a plan's steps in order for a new, resumed or rehearsed run. */
public final class MigrationRun {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

  private final Plan plan;
  private final RowSource source;
  private final TargetSink target;
  private final RunOptions options;

  public MigrationRun(Plan plan, RowSource source, TargetSink target, RunOptions options) {
    this.plan = plan;
    this.source = source;
    this.target = target;
    this.options = options;
  }

  /** A new run. */
  public MigrationReport start() {
    return execute(RunIds.newId(Instant.now()), false, false);
  }

  /** Continues run or sync {@code runId} after the checkpoints it committed. */
  public MigrationReport resume(String runId) {
    return execute(runId, true, false);
  }

  /** A new run against a rehearsal of the target. */
  public MigrationReport rehearse() {
    return execute(RunIds.newId(Instant.now()), false, true);
  }

  /** A new bulk load, or a load as usual when the target was loaded already. */
  public MigrationReport bulkLoad() {
    return execute(RunIds.newBulkId(Instant.now()), false, false);
  }

  /** A new sync. */
  public MigrationReport sync() {
    return execute(RunIds.newSyncId(Instant.now()), false, false);
  }

  /** A new sync against a rehearsal of the target. */
  public MigrationReport rehearseSync() {
    return execute(RunIds.newSyncId(Instant.now()), false, true);
  }

  /**
   * Follows {@code changes} into the target until {@code follow} says to stop.
   *
   * @throws MigrationFailedException when the stream or the target fails; a restart resumes
   */
  /**
   * Follows {@code changes} into the target.
   *
   * @param sourceTables the tables the source has now, asked again whenever the stream is idle: a
   *     table created or dropped while following stops it, since the mapping may have to change
   */
  public FollowReport follow(
      ChangeSource changes, FollowOptions follow, Supplier<Set<TableName>> sourceTables) {
    return new Follower(plan, source, changes, target, options, follow, sourceTables).follow();
  }

  /**
   * Verifies the target against the source outside a run. Given the run that loaded the target, its
   * rejected rows are expected to be missing and default-now values must equal its start; without
   * one, default-now values are checked for presence only.
   */
  public VerificationReport verifyOnly(Optional<String> runId) {
    Instant start = runId.map(RunIds::startOf).orElse(Instant.EPOCH);
    ConversionContext context = ConversionContext.of(start, plan.mapping().options());
    try (RejectJournal journal =
        RejectJournal.open(options.runDirectory(), runId.orElse("verification"))) {
      boolean knowsRunStart = runId.isPresent() && !RunIds.isSync(runId.get());
      return new Verifier(plan, source, target, journal, context, knowsRunStart, options, Map.of())
          .verify();
    }
  }

  private MigrationReport execute(String runId, boolean resume, boolean dryRun) {
    Instant started = Instant.now();
    boolean sync = RunIds.isSync(runId);
    ConversionContext context =
        ConversionContext.of(RunIds.startOf(runId), plan.mapping().options());
    TargetSink sink = dryRun ? target.rehearsal() : target;
    List<StepReport> steps = new ArrayList<>();
    Optional<VerificationReport> verification = Optional.empty();
    LOG.info(
        "{} {} {}",
        resume ? "resuming" : dryRun ? "rehearsing" : "starting",
        sync ? "sync" : "run",
        runId);
    try (RejectJournal journal = RejectJournal.open(options.runDirectory(), runId)) {
      RunContext run = new RunContext(runId, source, sink, journal, options, estimatedRows());
      Watermarks watermarks = new Watermarks(plan, source, sink, options, sync && !resume);
      Map<TableName, Long> keptEntities = new HashMap<>();
      Optional<Duration> indexing = Optional.empty();
      try {
        for (PlanStep step : plan.steps()) {
          if (step instanceof InstallSchemaStep install) {
            run.bulk = RunIds.isBulk(runId) && sink.beginBulkLoad(install.schema());
            if (!run.bulk) {
              sink.installSchema(install.schema());
            }
          } else if (step instanceof VerifyStep) {
            if (!sync && !dryRun) {
              indexing = Optional.of(index(run, sink));
            }
            if (options.verify()) {
              verification =
                  Optional.of(
                      new Verifier(
                              plan, source, sink, journal, context, !sync, options, keptEntities)
                          .verify());
            }
          } else if (step instanceof RowStep rowStep) {
            watermarks.take(rowStep);
            StepReport report =
                sync
                    ? new SyncSteps(run, plan, context, options)
                        .execute(rowStep, watermarks.changedSince(rowStep), resume)
                    : executeRowStep(run, rowStep, context, resume);
            if (sync && options.deletedRows() != DeletedRows.RETRACT) {
              keptEntities.merge(report.table(), report.entitiesDeleted(), Long::sum);
            }
            steps.add(report);
            options.progress().stepFinished(report);
          }
        }
      } catch (RunStopped e) {
        throw new MigrationFailedException(e.getMessage(), runId, steps, e);
      }
      Instant finished = Instant.now();
      sink.recordRun(
          RunRecord.builder()
              .runId(runId)
              .kind(sync ? RunRecord.Kind.SYNC : RunRecord.Kind.LOAD)
              .finished(finished)
              .watermarks(resume ? Map.of() : watermarks.taken())
              .build());
      MigrationReport report =
          MigrationReport.builder()
              .runId(runId)
              .sync(sync)
              .bulkLoad(run.bulk)
              .indexing(indexing)
              .started(started)
              .finished(finished)
              .dryRun(dryRun)
              .steps(steps)
              .verification(verification)
              .rejectsFile(journal.file())
              .notMigrated(NotMigrated.of(plan.mapping()))
              .build();
      write(runId, report);
      return report;
    } finally {
      if (dryRun) {
        sink.close();
      }
    }
  }

  /**
   * Indexes what the run transacted, as Datomic advises after an import; a bulk load first gets its
   * uniqueness, once the index shows that no two entities share a unique value.
   */
  private Duration index(RunContext run, TargetSink sink) {
    long started = System.nanoTime();
    if (run.bulk) {
      List<String> duplicates = sink.finishBulkLoad(plan.mapping().targetSchema());
      if (!duplicates.isEmpty()) {
        throw new RunStopped(
            "the bulk load made several entities of one unique value, which a load as usual would"
                + " have merged into one; uniqueness was not added, and the target holds them all."
                + " Fix the source or the mapping's identity, then load into an empty database."
                + " Shared values: "
                + String.join("; ", duplicates),
            null);
      }
    } else {
      sink.index();
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private StepReport executeRowStep(
      RunContext run, RowStep step, ConversionContext context, boolean resume) {
    try {
      return new StepExecutor(
              run,
              step.id(),
              step.table(),
              step.keyColumns(),
              RowConverters.forStep(plan, step, context),
              step instanceof LoadStep)
          .execute(step.columns(), step.estimatedRows(), resume);
    } catch (SourceException e) {
      throw new RunStopped(step.id() + ": " + e.getMessage(), e);
    }
  }

  private long estimatedRows() {
    long total = 0;
    for (RowStep step : plan.steps(RowStep.class)) {
      if (step.estimatedRows() < 0) {
        return -1;
      }
      total += step.estimatedRows();
    }
    return total;
  }

  private void write(String runId, MigrationReport report) {
    Path directory = options.runDirectory().resolve(runId);
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("report.json"), report.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run report to " + directory, e);
    }
  }
}
