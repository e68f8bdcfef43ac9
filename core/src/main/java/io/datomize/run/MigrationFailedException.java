package io.datomize.run;

import io.datomize.report.StepReport;
import java.util.List;

/**
 * A run stopped: too many rejected rows, a failing source or target. What was committed stays
 * committed with its checkpoints; {@code resume(runId())} continues after the last of them once the
 * cause is fixed.
 */
public class MigrationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final transient List<StepReport> finishedSteps;

  public MigrationFailedException(
      String message, String runId, List<StepReport> finishedSteps, Throwable cause) {
    super(
        message + " (run " + runId + "; resume it with resume(\"" + runId + "\") once fixed)",
        cause);
    this.runId = runId;
    this.finishedSteps = List.copyOf(finishedSteps);
  }

  public String runId() {
    return runId;
  }

  /** Reports of the steps that finished before the failure. */
  public List<StepReport> finishedSteps() {
    return finishedSteps;
  }
}
