package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.RowConverter;
import io.datomize.report.RowError;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reading side of a step: takes rows in key order, converts them, and cuts them into batches of
 * at most the run's number of source rows and bytes of values, the rows that do not convert set
 * aside to be rejected. Each batch carries the key range it covers, after the last key of the batch
 * before it up to its own last row, so that its checkpoint holds even when rows of the range were
 * rejected or made no entity.
 */
final class BatchReader {
  private final RunContext run;
  private final String stepId;
  private final TableName table;
  private final RowConverter converter;
  private final StepTally tally;
  private final boolean newEntities;

  /**
   * @param newEntities whether the step's entities are new (a load) or existing ones given values
   */
  BatchReader(
      RunContext run,
      String stepId,
      TableName table,
      RowConverter converter,
      StepTally tally,
      boolean newEntities) {
    this.newEntities = newEntities;
    this.run = run;
    this.stepId = stepId;
    this.table = table;
    this.converter = converter;
    this.tally = tally;
  }

  /**
   * A batch as read: its transaction, and the rows that gave no entity, to be accounted for on the
   * step's thread in read order ({@link #account}), so that the error policy counts rejections in
   * the same order whether or not the reading ran ahead.
   */
  record Read(TxBatch batch, int rows, int withoutData, List<RowError> errors) {}

  /**
   * Reads {@code cursor} to its end and hands each batch to {@code into}, numbered from {@code
   * sequence}. Touches nothing but the cursor and the converter, so it may run on a thread of its
   * own.
   *
   * @param after the key the cursor starts after; empty when it starts at the first row
   * @param committedAhead the last keys ({@linkplain RowKey#encode() encoded}) of batches that an
   *     earlier attempt committed past {@code after}: the rows up to the last of them may have
   *     their entities already, so their batches do not count as new
   */
  void read(
      RowCursor cursor,
      Optional<RowKey> after,
      long sequence,
      Set<String> committedAhead,
      Consumer<Read> into) {
    Set<String> ahead = new HashSet<>(committedAhead);
    boolean reloading = false;
    List<TxEntity> entities = new ArrayList<>(run.batchSize);
    List<RowError> errors = new ArrayList<>(0);
    Optional<RowKey> batchAfter = after;
    SourceRow last = null;
    IdentityCollisions collisions = new IdentityCollisions();
    int rowsInBatch = 0;
    long bytesInBatch = 0;
    int withoutData = 0;
    while (cursor.hasNext()) {
      last = cursor.next();
      if (rowsInBatch == 0) {
        reloading = !ahead.isEmpty();
      }
      if (!ahead.isEmpty()) {
        ahead.remove(last.key().encode());
      }
      rowsInBatch++;
      bytesInBatch += last.estimatedBytes();
      Conversion conversion = converter.convert(last);
      RowKey earlier =
          newEntities && conversion.isEntity()
              ? collisions.earlier(conversion.entity().identity(), last.key())
              : null;
      if (earlier != null) {
        errors.add(
            IdentityCollisions.rejection(
                table, last, conversion.entity(), earlier, converter.identityColumns()));
      } else if (conversion.isEntity()) {
        entities.add(conversion.entity());
      } else if (conversion.isError()) {
        errors.add(conversion.error());
      } else {
        withoutData++;
      }
      if (run.batchFull(rowsInBatch, bytesInBatch)) {
        RowKey lastKey = last.key();
        into.accept(
            new Read(
                batch(sequence++, batchAfter, lastKey, entities, reloading),
                rowsInBatch,
                withoutData,
                errors));
        batchAfter = Optional.of(lastKey);
        entities = new ArrayList<>(run.batchSize);
        errors = new ArrayList<>(0);
        rowsInBatch = 0;
        bytesInBatch = 0;
        withoutData = 0;
      }
    }
    if (rowsInBatch > 0) {
      into.accept(
          new Read(
              batch(sequence, batchAfter, last.key(), entities, reloading),
              rowsInBatch,
              withoutData,
              errors));
    }
  }

  /**
   * Rejects a read batch's bad rows (which may stop the run, by the error policy), counts its rows
   * and hands its transaction to {@code into}.
   */
  void account(Read read, long estimatedRows, Consumer<TxBatch> into) {
    for (RowError error : read.errors()) {
      tally.reject(error);
    }
    tally.rowsWithoutData += read.withoutData();
    tally.rowsRead += read.rows();
    run.rowsRead(read.rows());
    into.accept(read.batch());
    run.report(stepId, table, tally.rowsRead, estimatedRows);
  }

  private TxBatch batch(
      long sequence,
      Optional<RowKey> after,
      RowKey lastKey,
      List<TxEntity> entities,
      boolean reloading) {
    return TxBatch.builder()
        .runId(run.runId)
        .stepId(stepId)
        .sequence(sequence)
        .afterKey(after)
        .lastKey(lastKey)
        .entities(entities)
        .bulk(run.bulk)
        .newEntities(newEntities && !reloading)
        .build();
  }
}
