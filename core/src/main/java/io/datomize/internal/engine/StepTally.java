package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.report.RowError;
import io.datomize.report.StepReport;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.RowKey;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of one step, which its reading and its pipeline both add to, and the rejection of a
 * row, which both do: a rejected row is journalled and counted against the run's error policy.
 */
final class StepTally {
  private static final Logger LOG = LoggerFactory.getLogger(StepTally.class);

  private final RunContext run;
  private final String stepId;
  private final TableName table;
  long rowsRead;
  long rowsLoaded;
  long rowsRejected;
  long rowsWithoutData;
  long datoms;
  long datomsRetracted;
  long transactions;
  long rowsInserted;
  long rowsUpdated;
  long rowsUnchanged;
  long keysChecked;
  long entitiesDeleted;

  StepTally(RunContext run, String stepId, TableName table) {
    this.run = run;
    this.stepId = stepId;
    this.table = table;
  }

  /** Journals a rejected row; stops the run when the error policy says so. */
  void reject(RowError error) {
    rowsRejected++;
    run.journal.record(stepId, error);
    LOG.debug("rejected: {}", error.message());
    if (!run.rejected()) {
      throw new RunStopped(
          "stopped after "
              + run.totalRejected()
              + " rejected rows (error policy: "
              + run.errorPolicy
              + "); the last: "
              + error.message(),
          null);
    }
  }

  /**
   * Journals a change the target refused that stands for no source row (a retraction); it is
   * logged, and left out of the rows' accounts.
   */
  void refuseChange(RowError error) {
    run.journal.record(stepId, error);
    LOG.warn("the target refused a change: {}", error.message());
  }

  void count(BatchReceipt receipt) {
    datoms += receipt.datoms();
    datomsRetracted += receipt.retracted();
  }

  StepReport report(Duration duration, Optional<RowKey> resumedAfter) {
    return StepReport.builder()
        .stepId(stepId)
        .table(table)
        .rowsRead(rowsRead)
        .rowsLoaded(rowsLoaded)
        .rowsRejected(rowsRejected)
        .rowsWithoutData(rowsWithoutData)
        .datoms(datoms)
        .datomsRetracted(datomsRetracted)
        .rowsInserted(rowsInserted)
        .rowsUpdated(rowsUpdated)
        .rowsUnchanged(rowsUnchanged)
        .keysChecked(keysChecked)
        .entitiesDeleted(entitiesDeleted)
        .transactions(transactions)
        .duration(duration)
        .resumedAfter(resumedAfter.map(RowKey::toString))
        .build();
  }
}
