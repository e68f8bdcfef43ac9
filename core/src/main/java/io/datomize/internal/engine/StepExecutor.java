package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.RowConverter;
import io.datomize.report.StepReport;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step that reads rows: finds where a resumed step continues, then feeds the batches of a
 * {@link BatchReader} into a {@link BatchPipeline}. The reading runs ahead on a thread of its own
 * ({@link ReadAhead}), so that the next rows are fetched and converted while the target transacts;
 * their bad rows are rejected here, in read order.
 */
final class StepExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);

  private final RunContext run;
  private final String stepId;
  private final TableName table;
  private final List<String> keyColumns;
  private final RowConverter converter;
  private final boolean newEntities;

  StepExecutor(
      RunContext run,
      String stepId,
      TableName table,
      List<String> keyColumns,
      RowConverter converter,
      boolean newEntities) {
    this.newEntities = newEntities;
    this.run = run;
    this.stepId = stepId;
    this.table = table;
    this.keyColumns = keyColumns;
    this.converter = converter;
  }

  StepReport execute(List<String> columns, long estimatedRows, boolean resume) {
    long started = System.nanoTime();
    Optional<RowKey> after = Optional.empty();
    Set<String> committedAhead = Set.of();
    long sequence = 0;
    if (resume) {
      List<CommittedBatch> committed = run.sink.committedBatches(run.runId, stepId);
      after = Checkpoints.resumeAfter(committed);
      committedAhead = Checkpoints.committedAhead(committed);
      sequence = committed.stream().mapToLong(CommittedBatch::sequence).max().orElse(-1) + 1;
      LOG.info(
          "{}: resuming after {} ({} batches committed before)",
          stepId,
          after.map(RowKey::toString).orElse("the start"),
          committed.size());
    }
    run.listener.stepStarted(stepId, table, estimatedRows);
    ReadRequest request =
        ReadRequest.builder()
            .table(table)
            .columns(columns)
            .keyColumns(keyColumns)
            .after(after)
            .fetchSize(run.fetchSize())
            .fetchBytes(run.fetchBytes())
            .build();
    StepTally tally = new StepTally(run, stepId, table);
    BatchReader reader = new BatchReader(run, stepId, table, converter, tally, newEntities);
    BatchPipeline pipeline = new BatchPipeline(run, stepId, table, keyColumns, tally);
    long firstSequence = sequence;
    Optional<RowKey> readAfter = after;
    Set<String> readAhead = committedAhead;
    try (ReadAhead<BatchReader.Read> reads =
        ReadAhead.start(
            stepId,
            run.inFlight,
            into -> {
              try (RowCursor cursor = run.source.read(request)) {
                reader.read(cursor, readAfter, firstSequence, readAhead, into);
              }
            })) {
      for (BatchReader.Read read = reads.next(); read != null; read = reads.next()) {
        reader.account(read, estimatedRows, pipeline::submit);
      }
      pipeline.drain();
    } catch (RuntimeException e) {
      pipeline.abandon();
      throw e;
    }
    return tally.report(Duration.ofNanos(System.nanoTime() - started), after);
  }
}
