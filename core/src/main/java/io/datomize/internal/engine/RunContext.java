package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.Progress;
import io.datomize.run.ProgressListener;
import io.datomize.run.RunOptions;
import io.datomize.spi.RowSource;
import io.datomize.spi.TargetSink;

/**
 * What every step of one run shares: its ports, reject journal and run-wide counters, and the
 * settings of its {@link RunOptions} at hand.
 */
final class RunContext {
  final String runId;
  final RowSource source;
  final TargetSink sink;
  final RejectJournal journal;
  final ErrorPolicy errorPolicy;
  final ProgressListener listener;
  final int batchSize;
  final long batchBytes;
  final int inFlight;
  final long totalEstimatedRows;

  /** Whether batches go to a bulk load the target began ({@code TargetSink.beginBulkLoad}). */
  boolean bulk;

  private final long startNanos = System.nanoTime();
  private long totalRows;
  private long totalRejected;

  RunContext(
      String runId,
      RowSource source,
      TargetSink sink,
      RejectJournal journal,
      RunOptions options,
      long totalEstimatedRows) {
    this.runId = runId;
    this.source = source;
    this.sink = sink;
    this.journal = journal;
    this.errorPolicy = options.errorPolicy();
    this.listener = options.progress();
    this.batchSize = options.batchSize();
    this.batchBytes = options.batchBytes();
    this.inFlight = options.transactionsInFlight();
    this.totalEstimatedRows = totalEstimatedRows;
  }

  /**
   * Rows a read fetches per round trip: ten batches, so that a long read waits on the source ten
   * times less often than once per batch, its memory still bounded.
   */
  int fetchSize() {
    return Math.max(batchSize * 10, 1_000);
  }

  /** Bytes a read fetches per round trip, at most: a few batches' worth, as {@link #fetchSize}. */
  long fetchBytes() {
    return fetchBytes(batchBytes);
  }

  static long fetchBytes(long batchBytes) {
    return batchBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : batchBytes * 4;
  }

  /** Whether a batch of {@code rows} source rows holding {@code bytes} of values is complete. */
  boolean batchFull(int rows, long bytes) {
    return rows >= batchSize || bytes >= batchBytes;
  }

  void rowsRead(long rows) {
    totalRows += rows;
  }

  /** Counts a rejected row; false when the error policy says the run must stop. */
  boolean rejected() {
    totalRejected++;
    return !errorPolicy.isExceeded(totalRows, totalRejected);
  }

  long totalRejected() {
    return totalRejected;
  }

  synchronized void report(String stepId, TableName table, long stepRows, long stepEstimatedRows) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    listener.progress(
        new Progress(
            stepId,
            table,
            stepRows,
            stepEstimatedRows,
            totalRows,
            totalEstimatedRows,
            seconds > 0 ? totalRows / seconds : 0));
  }
}
