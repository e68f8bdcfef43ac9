package io.datomize.examples;

import io.datomize.catalog.TableName;
import io.datomize.report.StepReport;
import io.datomize.run.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for output that is not a terminal (CI logs, {@code nohup}, {@code | tee}): a plain line
 * per step at most every {@code interval}, with rows, rows per second and the time left when the
 * catalog's estimate allows one, and a closing line when the step ends. Nothing is redrawn, so
 * every line reads well in a file.
 */
final class LineProgress implements ProgressDisplay {
  private final PrintStream out;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private String stepId;
  private long stepStarted;
  private long lastPrinted;

  LineProgress(PrintStream out, LongSupplier nanoTime, Duration interval) {
    this.out = out;
    this.nanoTime = nanoTime;
    this.intervalNanos = interval.toNanos();
  }

  @Override
  public void stepStarted(String stepId, TableName table, long estimatedRows) {
    this.stepId = stepId;
    stepStarted = nanoTime.getAsLong();
    lastPrinted = stepStarted;
    out.println(
        stepId
            + ": started"
            + (estimatedRows >= 0
                ? String.format(Locale.ROOT, ", about %,d rows", estimatedRows)
                : ""));
  }

  @Override
  public void progress(Progress progress) {
    long now = nanoTime.getAsLong();
    if (!progress.stepId().equals(stepId) || now - lastPrinted < intervalNanos) {
      return;
    }
    lastPrinted = now;
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "%s: %,d rows", stepId, progress.stepRows()));
    if (progress.stepEstimatedRows() > 0) {
      line.append(String.format(Locale.ROOT, " of about %,d", progress.stepEstimatedRows()));
    }
    line.append(String.format(Locale.ROOT, ", %,.0f rows/s", rate(progress.stepRows(), now)));
    progress.eta().ifPresent(eta -> line.append(", run ETA ").append(clock(eta)));
    out.println(line);
  }

  @Override
  public void stepFinished(StepReport report) {
    long now = nanoTime.getAsLong();
    out.printf(
        Locale.ROOT,
        "%s: done, %,d rows in %s (%,.0f rows/s)%n",
        report.stepId(),
        report.rowsRead(),
        clock(Duration.ofNanos(now - stepStarted)),
        rate(report.rowsRead(), now));
    stepId = null;
  }

  private double rate(long rows, long now) {
    long elapsed = now - stepStarted;
    return elapsed <= 0 ? 0 : rows * 1e9 / elapsed;
  }

  private static String clock(Duration duration) {
    long seconds = duration.toSeconds();
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
