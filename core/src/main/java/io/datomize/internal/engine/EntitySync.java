package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.RowConverter;
import io.datomize.report.StepReport;
import io.datomize.spi.ChangedSince;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.PullSpec;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync of a load or link step: reads the rows in key order (all, or those changed since a
 * watermark), converts each batch, pulls the batch's entities from the target, and transacts only
 * the differences, with the batch's checkpoint. A batch without differences costs no transaction; a
 * resumed sync continues after the last batch that had some, and reads the rest again.
 */
final class EntitySync {
  private static final Logger LOG = LoggerFactory.getLogger(EntitySync.class);

  /**
   * The step to sync and what it writes.
   *
   * @param createsEntities whether a row that gives no value makes an entity of its identity alone
   *     (a load), or has nothing to sync (a link row whose deferred foreign keys are null)
   */
  record Target(
      String stepId,
      TableName table,
      List<String> keyColumns,
      List<String> columns,
      RowConverter converter,
      PullSpec pull,
      Collection<Attribute> owned,
      Map<Attribute, String> defaultNowColumns,
      boolean createsEntities) {}

  private final RunContext run;
  private final Target step;
  private final IdentityCollisions collisions = new IdentityCollisions();

  EntitySync(RunContext run, Target step) {
    this.run = run;
    this.step = step;
  }

  /**
   * @param changedSince read only the rows changed since this watermark; all rows when empty
   */
  StepReport execute(Optional<ChangedSince> changedSince, long estimatedRows, boolean resume) {
    long started = System.nanoTime();
    Optional<RowKey> after = Optional.empty();
    long sequence = 0;
    if (resume) {
      List<CommittedBatch> committed = run.sink.committedBatches(run.runId, step.stepId());
      after = Checkpoints.resumeAfter(committed);
      sequence = committed.stream().mapToLong(CommittedBatch::sequence).max().orElse(-1) + 1;
      LOG.info(
          "{}: resuming the sync after {}",
          step.stepId(),
          after.map(RowKey::toString).orElse("the start"));
    }
    run.listener.stepStarted(step.stepId(), step.table(), estimatedRows);
    ReadRequest request =
        ReadRequest.builder()
            .table(step.table())
            .columns(step.columns())
            .keyColumns(step.keyColumns())
            .after(after)
            .changedSince(changedSince)
            .fetchSize(run.fetchSize())
            .fetchBytes(run.fetchBytes())
            .build();
    StepTally tally = new StepTally(run, step.stepId(), step.table());
    Set<LookupRef> inserting = new HashSet<>();
    BatchPipeline pipeline =
        new BatchPipeline(
            run,
            step.stepId(),
            step.table(),
            step.keyColumns(),
            tally,
            entities -> {
              for (TxEntity entity : entities) {
                tally.rowsLoaded++;
                if (inserting.remove(entity.identity())) {
                  tally.rowsInserted++;
                } else {
                  tally.rowsUpdated++;
                }
              }
            },
            entity -> true);
    List<SourceRow> rows = new ArrayList<>(run.batchSize);
    Optional<RowKey> batchAfter = after;
    long bytes = 0;
    try (RowCursor cursor = run.source.read(request)) {
      while (cursor.hasNext()) {
        SourceRow row = cursor.next();
        rows.add(row);
        bytes += row.estimatedBytes();
        if (run.batchFull(rows.size(), bytes) || !cursor.hasNext()) {
          RowKey lastKey = rows.get(rows.size() - 1).key();
          List<TxEntity> changes = diff(rows, tally, inserting);
          tally.rowsRead += rows.size();
          run.rowsRead(rows.size());
          if (!changes.isEmpty()) {
            pipeline.submit(
                TxBatch.builder()
                    .runId(run.runId)
                    .stepId(step.stepId())
                    .sequence(sequence++)
                    .afterKey(batchAfter)
                    .lastKey(lastKey)
                    .entities(changes)
                    .build());
          }
          run.report(step.stepId(), step.table(), tally.rowsRead, estimatedRows);
          batchAfter = Optional.of(lastKey);
          rows = new ArrayList<>(run.batchSize);
          bytes = 0;
        }
      }
      pipeline.drain();
    } catch (RuntimeException e) {
      pipeline.abandon();
      throw e;
    }
    return tally.report(Duration.ofNanos(System.nanoTime() - started), after);
  }

  private List<TxEntity> diff(List<SourceRow> rows, StepTally tally, Set<LookupRef> inserting) {
    List<TxEntity> wanted = new ArrayList<>(rows.size());
    List<SourceRow> converted = new ArrayList<>(rows.size());
    for (SourceRow row : rows) {
      Conversion conversion = step.converter().convert(row);
      RowKey earlier =
          step.createsEntities() && conversion.isEntity()
              ? collisions.earlier(conversion.entity().identity(), row.key())
              : null;
      if (earlier != null) {
        tally.reject(
            IdentityCollisions.rejection(
                step.table(),
                row,
                conversion.entity(),
                earlier,
                step.converter().identityColumns()));
      } else if (conversion.isError()) {
        tally.reject(conversion.error());
      } else {
        wanted.add(conversion.entity());
        converted.add(row);
      }
    }
    List<Optional<Map<Attribute, Object>>> held =
        run.sink.pull(step.pull(), wanted.stream().map(TxEntity::identity).toList());
    List<TxEntity> changes = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      TxEntity want = wanted.get(i);
      TxEntity change =
          EntityDiff.delta(want, held.get(i), step.owned(), keptWhenPresent(converted.get(i)));
      if (held.get(i).isEmpty() && want.size() == 0 && !step.createsEntities()) {
        tally.rowsWithoutData++;
      } else if (change == null) {
        tally.rowsLoaded++;
        tally.rowsUnchanged++;
      } else {
        if (held.get(i).isEmpty()) {
          inserting.add(change.identity());
        }
        changes.add(change);
      }
    }
    return changes;
  }

  private Set<Attribute> keptWhenPresent(SourceRow row) {
    if (step.defaultNowColumns().isEmpty()) {
      return Set.of();
    }
    Set<Attribute> kept = new HashSet<>();
    step.defaultNowColumns()
        .forEach(
            (attribute, column) -> {
              if (row.get(column) == null) {
                kept.add(attribute);
              }
            });
    return kept;
  }
}
