package io.datomize.run;

import java.util.Locale;

/**
 * How many rejected rows a run accepts before it stops. Rejected rows are never lost: each is in
 * the run's reject file with its reason, and a stopped run can be resumed once the data or the
 * mapping is fixed.
 */
public final class ErrorPolicy {
  /**
   * Ratios are judged only after this many rows, so that one bad row among the first few does not
   * stop a run.
   */
  static final long RATIO_MINIMUM_ROWS = 1_000;

  private final long maxRejects;
  private final double maxRatio;

  private ErrorPolicy(long maxRejects, double maxRatio) {
    this.maxRejects = maxRejects;
    this.maxRatio = maxRatio;
  }

  /** Stop at the first rejected row. */
  public static ErrorPolicy failFast() {
    return new ErrorPolicy(0, 1);
  }

  /** Continue while at most {@code maxRejects} rows are rejected in the whole run. */
  public static ErrorPolicy maxRejects(long maxRejects) {
    if (maxRejects < 0) {
      throw new IllegalArgumentException("maxRejects must not be negative, got " + maxRejects);
    }
    return new ErrorPolicy(maxRejects, 1);
  }

  /**
   * Continue while at most this fraction of the rows read is rejected (judged once {@value
   * #RATIO_MINIMUM_ROWS} rows were read).
   */
  public static ErrorPolicy maxRejectRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("a reject ratio is between 0 and 1, got " + ratio);
    }
    return new ErrorPolicy(Long.MAX_VALUE, ratio);
  }

  /** The default: continue for up to 1,000 rejected rows. */
  public static ErrorPolicy defaults() {
    return maxRejects(1_000);
  }

  /** Whether a run that has read and rejected so many rows must stop. */
  public boolean isExceeded(long rowsRead, long rowsRejected) {
    if (rowsRejected > maxRejects) {
      return true;
    }
    return rowsRead >= RATIO_MINIMUM_ROWS && rowsRejected > maxRatio * rowsRead;
  }

  @Override
  public String toString() {
    if (maxRejects == 0) {
      return "fail fast";
    }
    return maxRejects == Long.MAX_VALUE
        ? String.format(Locale.ROOT, "at most %.4f%% of rows rejected", maxRatio * 100)
        : "at most " + maxRejects + " rows rejected";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ErrorPolicy p && p.maxRejects == maxRejects && p.maxRatio == maxRatio;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(maxRejects) * 31 + Double.hashCode(maxRatio);
  }
}
