package io.datomize.internal.engine;

import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.RowConverter;
import io.datomize.report.RowError;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import io.datomize.catalog.TableName;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.report.StepReport;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step that reads rows: reads in key order, converts, and transacts batch after batch while earlier batches
 * are still in flight. Conversion errors are rejected at once; a batch the target refuses is split in halves until the
 * rows at fault are isolated and rejected with the target's reason, and the rest load. Each batch carries the key
 * range it covers as its checkpoint, so a resumed step continues after the last unbroken run of committed batches.
 */
final class StepExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);

  private record Pending(TxBatch batch, CompletableFuture<BatchReceipt> future) {}

  private final RunContext run;
  private final String stepId;
  private final TableName table;
  private final List<String> keyColumns;
  private final RowConverter converter;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private long rowsRead;
  private long rowsLoaded;
  private long rowsRejected;
  private long rowsWithoutData;
  private long datoms;
  private long transactions;

  StepExecutor(RunContext run, String stepId, TableName table, List<String> keyColumns, RowConverter converter) {
    this.run = run;
    this.stepId = stepId;
    this.table = table;
    this.keyColumns = keyColumns;
    this.converter = converter;
  }

  StepReport execute(List<String> columns, long estimatedRows, boolean resume) {
    long started = System.nanoTime();
    Optional<RowKey> after = Optional.empty();
    long sequence = 0;
    if (resume) {
      List<CommittedBatch> committed = run.sink.committedBatches(run.runId, stepId);
      after = Checkpoints.resumeAfter(committed);
      sequence = committed.stream().mapToLong(CommittedBatch::sequence).max().orElse(-1) + 1;
      LOG.info("{}: resuming after {} ({} batches committed before)", stepId,
          after.map(RowKey::toString).orElse("the start"), committed.size());
    }
    run.listener.stepStarted(stepId, table, estimatedRows);
    ReadRequest request = ReadRequest.builder()
        .table(table)
        .columns(columns)
        .keyColumns(keyColumns)
        .after(after)
        .fetchSize(Math.max(run.batchSize, 1_000))
        .build();
    try (RowCursor cursor = run.source.read(request)) {
      List<TxEntity> entities = new ArrayList<>(run.batchSize);
      Optional<RowKey> batchAfter = after;
      SourceRow last = null;
      int rowsInBatch = 0;
      while (cursor.hasNext()) {
        last = cursor.next();
        rowsInBatch++;
        Conversion conversion = converter.convert(last);
        if (conversion.isEntity()) {
          entities.add(conversion.entity());
        } else if (conversion.isError()) {
          reject(conversion.error());
        } else {
          rowsWithoutData++;
        }
        if (rowsInBatch == run.batchSize) {
          RowKey lastKey = last.key();
          submit(batch(sequence++, batchAfter, lastKey, entities), rowsInBatch, estimatedRows);
          batchAfter = Optional.of(lastKey);
          entities = new ArrayList<>(run.batchSize);
          rowsInBatch = 0;
        }
      }
      if (rowsInBatch > 0) {
        submit(batch(sequence, batchAfter, last.key(), entities), rowsInBatch, estimatedRows);
      }
      while (!pending.isEmpty()) {
        settle(pending.poll());
      }
    } catch (RuntimeException e) {
      abandonPending();
      throw e;
    }
    return StepReport.builder()
        .stepId(stepId)
        .table(table)
        .rowsRead(rowsRead)
        .rowsLoaded(rowsLoaded)
        .rowsRejected(rowsRejected)
        .rowsWithoutData(rowsWithoutData)
        .datoms(datoms)
        .transactions(transactions)
        .duration(Duration.ofNanos(System.nanoTime() - started))
        .resumedAfter(after.map(RowKey::toString))
        .build();
  }

  private TxBatch batch(long sequence, Optional<RowKey> after, RowKey lastKey, List<TxEntity> entities) {
    return TxBatch.builder()
        .runId(run.runId)
        .stepId(stepId)
        .sequence(sequence)
        .afterKey(after)
        .lastKey(lastKey)
        .entities(entities)
        .build();
  }

  private void submit(TxBatch batch, int rows, long estimatedRows) {
    rowsRead += rows;
    run.rowsRead(rows);
    while (!pending.isEmpty() && (pending.size() >= run.inFlight || pending.peek().future().isDone())) {
      settle(pending.poll());
    }
    pending.add(new Pending(batch, run.sink.submit(batch)));
    transactions++;
    run.report(stepId, table, rowsRead, estimatedRows);
  }

  private void settle(Pending done) {
    try {
      BatchReceipt receipt = done.future().join();
      rowsLoaded += done.batch().entities().size();
      datoms += receipt.datoms();
    } catch (CompletionException e) {
      BatchRejectedException rejection = dataRejection(e.getCause(), done.batch());
      LOG.debug("{}: {} refused, isolating the rows at fault: {}", stepId, done.batch(), rejection.getMessage());
      isolate(done.batch(), done.batch().entities());
      TxBatch checkpoint = TxBatch.builder().from(done.batch()).entities(List.of()).build();
      join(checkpoint);
    }
  }

  /** Transacts {@code entities} in halves, recursively, rejecting each single entity the target refuses. */
  private void isolate(TxBatch parent, List<TxEntity> entities) {
    if (entities.size() == 1) {
      TxEntity entity = entities.get(0);
      try {
        join(part(parent, entities));
        rowsLoaded++;
      } catch (BatchRejectedException e) {
        reject(RowError.builder()
            .table(table)
            .key(entity.sourceKey())
            .keyColumns(keyColumns)
            .reason("the target refused the row: " + e.getMessage())
            .build());
      }
      return;
    }
    int half = entities.size() / 2;
    for (List<TxEntity> part : List.of(entities.subList(0, half), entities.subList(half, entities.size()))) {
      try {
        join(part(parent, part));
        rowsLoaded += part.size();
      } catch (BatchRejectedException e) {
        isolate(parent, part);
      }
    }
  }

  private static TxBatch part(TxBatch parent, List<TxEntity> entities) {
    return TxBatch.builder().from(parent).entities(entities).recordsCheckpoint(false).build();
  }

  /** Transacts and waits; a refusal of the data comes back as {@link BatchRejectedException}, anything else stops. */
  private BatchReceipt join(TxBatch batch) {
    transactions++;
    try {
      BatchReceipt receipt = run.sink.submit(batch).get();
      datoms += receipt.datoms();
      return receipt;
    } catch (ExecutionException e) {
      throw dataRejection(e.getCause(), batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunStopped(stepId + ": interrupted while transacting " + batch, e);
    }
  }

  private BatchRejectedException dataRejection(Throwable cause, TxBatch batch) {
    if (cause instanceof BatchRejectedException rejected && !rejected.isRetryable()) {
      return rejected;
    }
    throw new RunStopped(stepId + ": the target failed on " + batch + ": " + cause.getMessage(), cause);
  }

  private void reject(RowError error) {
    rowsRejected++;
    run.journal.record(stepId, error);
    LOG.debug("rejected: {}", error.message());
    if (!run.rejected()) {
      throw new RunStopped("stopped after " + run.totalRejected() + " rejected rows (error policy: " + run.errorPolicy
          + "); the last: " + error.message(), null);
    }
  }

  private void abandonPending() {
    for (Pending p : pending) {
      try {
        p.future().join();
      } catch (CompletionException ignored) {
        // the run stops anyway; whatever did not commit is read again by a resumed run
      }
    }
    pending.clear();
  }
}
