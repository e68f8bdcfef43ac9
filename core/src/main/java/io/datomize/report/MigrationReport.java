package io.datomize.report;

import io.datomize.verify.VerificationReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The result of a run, a resumed run or a dry run. */
@Value.Immutable
public abstract class MigrationReport {
  /** The run's id; pass it to {@code resume(runId)} to continue the run after a failure. */
  public abstract String runId();

  public abstract Instant started();

  public abstract Instant finished();

  /** Whether this was a rehearsal that left the target untouched. */
  public abstract boolean dryRun();

  /** Whether the run synced a loaded target rather than loaded it. */
  @Value.Default
  public boolean sync() {
    return false;
  }

  /** Whether the run loaded in bulk ({@code Migration.Ready.bulkLoad()}). */
  @Value.Default
  public boolean bulkLoad() {
    return false;
  }

  /**
   * How long the target took to index what the run transacted (for a bulk load: and to add the
   * uniqueness); empty when the run did not index.
   */
  public abstract Optional<Duration> indexing();

  public abstract List<StepReport> steps();

  public abstract Optional<VerificationReport> verification();

  /** The file with one JSON line per rejected row, when any row was rejected. */
  public abstract Optional<Path> rejectsFile();

  /** The source columns and tables the mapping leaves out, and why; see {@link NotMigrated#of}. */
  public abstract List<NotMigrated> notMigrated();

  public static Builder builder() {
    return new Builder();
  }

  public Duration duration() {
    return Duration.between(started(), finished());
  }

  public long rowsRead() {
    return steps().stream().mapToLong(StepReport::rowsRead).sum();
  }

  public long rowsRejected() {
    return steps().stream().mapToLong(StepReport::rowsRejected).sum();
  }

  public long datoms() {
    return steps().stream().mapToLong(StepReport::datoms).sum();
  }

  /** Every step reconciles and verification, when it ran, passed. */
  public boolean succeeded() {
    return steps().stream().allMatch(StepReport::reconciles)
        && verification().map(VerificationReport::passed).orElse(true);
  }

  /**
   * A table per step like pgloader's (step, read, loaded, rejected, datoms, time) and the
   * verification result.
   */
  public String summary() {
    return ReportText.summary(this);
  }

  /** The report as a JSON document. */
  public String toJson() {
    return ReportText.json(this);
  }

  @Value.Check
  protected void check() {
    List<String> unreconciled =
        steps().stream()
            .filter(s -> !s.reconciles())
            .map(
                s ->
                    s.stepId()
                        + ": read "
                        + s.rowsRead()
                        + " != loaded "
                        + s.rowsLoaded()
                        + " + rejected "
                        + s.rowsRejected()
                        + " + without data "
                        + s.rowsWithoutData())
            .toList();
    if (!unreconciled.isEmpty()) {
      throw new IllegalStateException("rows unaccounted for, a bug in Datomize: " + unreconciled);
    }
  }

  public static class Builder extends ImmutableMigrationReport.Builder {}
}
