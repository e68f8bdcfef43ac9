package io.datomize.internal.engine;

import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.RowConverter;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.report.StepReport;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RowCursor;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sync of a bridge: for each chunk of the owners the target holds, reads the bridge rows of
 * those owners, and adds the links the target lacks and retracts those no row gives any more. A
 * resumed sync runs the step again from the first owner; links already in place cost nothing.
 */
final class BridgeSync {
  private final RunContext run;
  private final String stepId;
  private final BridgeMapping bridge;
  private final EntityMapping owner;
  private final List<String> keyColumns;
  private final List<String> columns;
  private final RowConverter converter;
  private final PullSpec pull;
  private final ZoneId zone;

  BridgeSync(
      RunContext run,
      String stepId,
      BridgeMapping bridge,
      EntityMapping owner,
      List<String> keyColumns,
      List<String> columns,
      RowConverter converter,
      PullSpec pull,
      ZoneId zone) {
    this.run = run;
    this.stepId = stepId;
    this.bridge = bridge;
    this.owner = owner;
    this.keyColumns = keyColumns;
    this.columns = columns;
    this.converter = converter;
    this.pull = pull;
    this.zone = zone;
  }

  StepReport execute(long estimatedRows) {
    long started = System.nanoTime();
    run.listener.stepStarted(stepId, bridge.table(), estimatedRows);
    StepTally tally = new StepTally(run, stepId, bridge.table());
    BatchPipeline pipeline =
        new BatchPipeline(
            run,
            stepId,
            bridge.table(),
            keyColumns,
            tally,
            entities -> {
              for (TxEntity entity : entities) {
                if (entity.size() > 0) {
                  tally.rowsLoaded++;
                  tally.rowsInserted++;
                } else {
                  tally.entitiesDeleted += entity.retractionCount();
                }
              }
            },
            entity -> entity.size() > 0);
    long[] sequence = {0};
    try (Stream<Object> owners = run.sink.identityValues(owner.identity().attribute())) {
      IdentityChunks.forEach(
          owners.iterator(),
          run.batchSize,
          chunk -> {
            List<TxEntity> changes = changes(chunk, tally);
            if (!changes.isEmpty()) {
              pipeline.submit(
                  TxBatch.builder()
                      .runId(run.runId)
                      .stepId(stepId)
                      .sequence(sequence[0]++)
                      .afterKey(Optional.empty())
                      .lastKey(chunk.get(chunk.size() - 1).key())
                      .entities(changes)
                      .build());
            }
            run.report(stepId, bridge.table(), tally.rowsRead, estimatedRows);
          });
      pipeline.drain();
    } catch (RuntimeException e) {
      pipeline.abandon();
      throw e;
    }
    return tally.report(Duration.ofNanos(System.nanoTime() - started), Optional.empty());
  }

  private List<TxEntity> changes(List<IdentityChunks.Identity> chunk, StepTally tally) {
    Attribute identity = owner.identity().attribute();
    List<LookupRef> owners = chunk.stream().map(o -> LookupRef.of(identity, o.value())).toList();
    Map<LookupRef, Set<Object>> held = new HashMap<>();
    List<Optional<Map<Attribute, Object>>> pulled = run.sink.pull(pull, owners);
    for (int i = 0; i < owners.size(); i++) {
      Object values = pulled.get(i).map(v -> v.get(bridge.attribute())).orElse(null);
      held.put(
          owners.get(i),
          values instanceof Collection<?> many ? new HashSet<>(many) : new HashSet<>());
    }
    Map<LookupRef, Set<Object>> wanted = new LinkedHashMap<>();
    List<TxEntity> changes = new ArrayList<>();
    LookupRequest request =
        LookupRequest.builder()
            .table(bridge.table())
            .columns(columns)
            .keyColumns(keyColumns)
            .matchColumns(bridge.ownerColumns())
            .candidates(chunk.stream().map(IdentityChunks.Identity::key).toList())
            .zone(zone)
            .build();
    try (RowCursor rows = run.source.lookup(request)) {
      while (rows.hasNext()) {
        Conversion conversion = converter.convert(rows.next());
        tally.rowsRead++;
        run.rowsRead(1);
        if (conversion.isError()) {
          tally.reject(conversion.error());
          continue;
        }
        TxEntity link = conversion.entity();
        Set<Object> ownerWants = wanted.computeIfAbsent(link.identity(), o -> new HashSet<>());
        Set<Object> ownerHeld = held.getOrDefault(link.identity(), Set.of());
        boolean fresh = false;
        for (Object value : (Collection<?>) link.valueOf(bridge.attribute())) {
          fresh |= ownerWants.add(value) && !ownerHeld.contains(value);
        }
        if (fresh) {
          changes.add(link);
        } else {
          tally.rowsLoaded++;
          tally.rowsUnchanged++;
        }
      }
    }
    for (LookupRef ownerRef : owners) {
      Set<Object> extra = new HashSet<>(held.get(ownerRef));
      extra.removeAll(wanted.getOrDefault(ownerRef, Set.of()));
      if (!extra.isEmpty()) {
        changes.add(
            TxEntity.builder(IdentityChunks.keyOf(ownerRef.value()), ownerRef, 0)
                .retract(bridge.attribute(), extra)
                .build());
      }
    }
    return changes;
  }
}
