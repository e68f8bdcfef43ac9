package io.datomize.run;

import io.datomize.catalog.TableName;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a run stands, reported after each batch.
 *
 * @param stepId the running step
 * @param table the table the step reads
 * @param stepRows rows the step has read so far
 * @param stepEstimatedRows the catalog's estimate of the step's rows, -1 when unknown
 * @param totalRows rows read by the whole run so far
 * @param totalEstimatedRows the estimate for the whole run, -1 when unknown
 * @param rowsPerSecond the run's rate so far
 */
public record Progress(
    String stepId,
    TableName table,
    long stepRows,
    long stepEstimatedRows,
    long totalRows,
    long totalEstimatedRows,
    double rowsPerSecond) {

  /** The time left at the current rate, when the estimate allows one. */
  public Optional<Duration> eta() {
    if (totalEstimatedRows < 0 || rowsPerSecond <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, totalEstimatedRows - totalRows);
    return Optional.of(Duration.ofMillis((long) (left / rowsPerSecond * 1000)));
  }
}
