package io.datomize.run;

import io.datomize.report.StepReport;
import java.util.List;

/**
 * A run stopped: too many rejected rows, a failing source or target. What was committed stays
 * committed with its checkpoints; {@code resume(runId())} continues after the last of them once the
 * cause is fixed. For a follower that stopped, {@link #runId()} is its follow id, and following
 * again with that id continues after the last transaction the target holds.
 */
public class MigrationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final transient List<StepReport> finishedSteps;

  public MigrationFailedException(
      String message, String runId, List<StepReport> finishedSteps, Throwable cause) {
    this(
        message + " (run " + runId + "; resume it with resume(\"" + runId + "\") once fixed)",
        runId,
        cause,
        finishedSteps);
  }

  private MigrationFailedException(
      String fullMessage, String runId, Throwable cause, List<StepReport> finishedSteps) {
    super(fullMessage, cause);
    this.runId = runId;
    this.finishedSteps = List.copyOf(finishedSteps);
  }

  /** A follower stopped by a failure; following again with its id continues. */
  public static MigrationFailedException ofFollower(
      String message, String followId, Throwable cause) {
    return new MigrationFailedException(
        message
            + " (follow id "
            + followId
            + "; follow again with this follow id once fixed, and it resumes after the last"
            + " transaction the target holds)",
        followId,
        cause,
        List.of());
  }

  public String runId() {
    return runId;
  }

  /** Reports of the steps that finished before the failure. */
  public List<StepReport> finishedSteps() {
    return finishedSteps;
  }
}
