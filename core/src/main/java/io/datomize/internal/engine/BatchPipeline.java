package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.report.RowError;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing side of a step: submits batches while earlier ones are still in flight, at most the
 * run's in-flight limit at a time, and settles them in the order they were submitted. A batch the
 * target refuses for its data is split in halves until the entities at fault are isolated and
 * rejected with the target's reason, and the rest load; its checkpoint is then committed alone. Any
 * other failure of the target stops the run.
 */
final class BatchPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);

  private record Pending(TxBatch batch, CompletableFuture<BatchReceipt> future) {}

  private final RunContext run;
  private final String stepId;
  private final BiFunction<TxEntity, String, RowError> refusal;
  private final StepTally tally;
  private final Consumer<List<TxEntity>> loaded;
  private final Predicate<TxEntity> isRow;
  private final Deque<Pending> pending = new ArrayDeque<>();

  /** A pipeline that counts each entity committed as a row loaded. */
  BatchPipeline(
      RunContext run, String stepId, TableName table, List<String> keyColumns, StepTally tally) {
    this(
        run,
        stepId,
        table,
        keyColumns,
        tally,
        entities -> tally.rowsLoaded += entities.size(),
        entity -> true);
  }

  /**
   * @param loaded told of the entities of each transaction that committed
   * @param isRow whether a change stands for a source row, which counts as rejected when the target
   *     refuses it; other changes (the retraction of a deleted row's entity) are only journalled
   */
  BatchPipeline(
      RunContext run,
      String stepId,
      TableName table,
      List<String> keyColumns,
      StepTally tally,
      Consumer<List<TxEntity>> loaded,
      Predicate<TxEntity> isRow) {
    this(
        run,
        stepId,
        (entity, reason) ->
            RowError.builder()
                .table(table)
                .key(entity.sourceKey())
                .keyColumns(keyColumns)
                .reason(reason)
                .build(),
        tally,
        loaded,
        isRow);
  }

  /**
   * @param refusal the error that names the source row of an entity the target refused, for a
   *     pipeline whose batches mix tables
   */
  BatchPipeline(
      RunContext run,
      String stepId,
      BiFunction<TxEntity, String, RowError> refusal,
      StepTally tally,
      Consumer<List<TxEntity>> loaded,
      Predicate<TxEntity> isRow) {
    this.run = run;
    this.stepId = stepId;
    this.refusal = refusal;
    this.tally = tally;
    this.loaded = loaded;
    this.isRow = isRow;
  }

  /**
   * Submits a batch, first settling those already done and, while the limit is reached, the oldest.
   */
  void submit(TxBatch batch) {
    while (!pending.isEmpty()
        && (pending.size() >= run.inFlight || pending.peek().future().isDone())) {
      settle(pending.poll());
    }
    pending.add(new Pending(batch, run.sink.submit(batch)));
    tally.transactions++;
  }

  /** Settles every batch still in flight. */
  void drain() {
    while (!pending.isEmpty()) {
      settle(pending.poll());
    }
  }

  /** Waits for the batches in flight without settling them, for a step that stops. */
  void abandon() {
    for (Pending p : pending) {
      try {
        p.future().join();
      } catch (CompletionException ignored) {
        // the run stops anyway; whatever did not commit is read again by a resumed run
      }
    }
    pending.clear();
  }

  private void settle(Pending done) {
    try {
      BatchReceipt receipt = done.future().join();
      loaded.accept(done.batch().entities());
      tally.count(receipt);
    } catch (CompletionException e) {
      BatchRejectedException rejection = dataRejection(e.getCause(), done.batch());
      LOG.debug(
          "{}: {} refused, isolating the rows at fault: {}",
          stepId,
          done.batch(),
          rejection.getMessage());
      isolate(done.batch(), done.batch().entities());
      TxBatch checkpoint = TxBatch.builder().from(done.batch()).entities(List.of()).build();
      join(checkpoint);
    }
  }

  /**
   * Transacts {@code entities} in halves, recursively, rejecting each single entity the target
   * refuses.
   */
  private void isolate(TxBatch parent, List<TxEntity> entities) {
    if (entities.size() == 1) {
      TxEntity entity = entities.get(0);
      try {
        join(part(parent, entities));
        loaded.accept(entities);
      } catch (BatchRejectedException e) {
        RowError error = refusal.apply(entity, "the target refused the row: " + e.getMessage());
        if (isRow.test(entity)) {
          tally.reject(error);
        } else {
          tally.refuseChange(error);
        }
      }
      return;
    }
    int half = entities.size() / 2;
    for (List<TxEntity> part :
        List.of(entities.subList(0, half), entities.subList(half, entities.size()))) {
      try {
        join(part(parent, part));
        loaded.accept(part);
      } catch (BatchRejectedException e) {
        isolate(parent, part);
      }
    }
  }

  private static TxBatch part(TxBatch parent, List<TxEntity> entities) {
    return TxBatch.builder().from(parent).entities(entities).recordsCheckpoint(false).build();
  }

  /**
   * Transacts and waits; a refusal of the data comes back as {@link BatchRejectedException},
   * anything else stops.
   */
  private BatchReceipt join(TxBatch batch) {
    tally.transactions++;
    try {
      BatchReceipt receipt = run.sink.submit(batch).get();
      tally.count(receipt);
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
    throw new RunStopped(
        stepId + ": the target failed on " + batch + ": " + cause.getMessage(), cause);
  }
}
