package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.RowConverter;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reading side of a step: takes rows in key order, converts them, rejects the rows that do not
 * convert, and cuts the rest into batches of a fixed number of source rows. Each batch carries the
 * key range it covers, after the last key of the batch before it up to its own last row, so that
 * its checkpoint holds even when rows of the range were rejected or made no entity.
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
   * Reads {@code cursor} to its end and hands each batch to {@code into}, numbered from {@code
   * sequence}.
   *
   * @param after the key the cursor starts after; empty when it starts at the first row
   */
  void read(
      RowCursor cursor,
      Optional<RowKey> after,
      long sequence,
      long estimatedRows,
      Consumer<TxBatch> into) {
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
        tally.reject(conversion.error());
      } else {
        tally.rowsWithoutData++;
      }
      if (rowsInBatch == run.batchSize) {
        RowKey lastKey = last.key();
        cut(batch(sequence++, batchAfter, lastKey, entities), rowsInBatch, estimatedRows, into);
        batchAfter = Optional.of(lastKey);
        entities = new ArrayList<>(run.batchSize);
        rowsInBatch = 0;
      }
    }
    if (rowsInBatch > 0) {
      cut(batch(sequence, batchAfter, last.key(), entities), rowsInBatch, estimatedRows, into);
    }
  }

  private void cut(TxBatch batch, int rows, long estimatedRows, Consumer<TxBatch> into) {
    tally.rowsRead += rows;
    run.rowsRead(rows);
    into.accept(batch);
    run.report(stepId, table, tally.rowsRead, estimatedRows);
  }

  private TxBatch batch(
      long sequence, Optional<RowKey> after, RowKey lastKey, List<TxEntity> entities) {
    return TxBatch.builder()
        .runId(run.runId)
        .stepId(stepId)
        .sequence(sequence)
        .afterKey(after)
        .lastKey(lastKey)
        .entities(entities)
        .bulk(run.bulk)
        .newEntities(newEntities)
        .build();
  }
}
