package io.datomize.internal.engine;

import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.RowConverter;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.report.StepReport;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.PullSpec;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.target.ValueType;
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
    try (Stream<Object> owners = run.sink.identityValues(owner.identity().attribute());
        OrderedLinks ordered = orderedLinks(tally)) {
      IdentityChunks.forEach(
          owners.iterator(),
          run.batchSize,
          chunk -> {
            List<Conversion> links = ordered != null ? ordered.of(chunk) : null;
            if (links == null) {
              links = lookUp(chunk, tally);
            }
            List<TxEntity> changes = changes(chunk, links, tally);
            if (!changes.isEmpty()) {
              pipeline.submit(IdentityChunks.batch(run, stepId, sequence[0]++, chunk, changes));
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

  /**
   * The bridge's rows in the order of their owners, when the bridge is read in the order of an
   * integer owner key and the target gives the owners' identities in that order too: one read of
   * the bridge then serves every chunk of owners, instead of a lookup per chunk.
   */
  private OrderedLinks orderedLinks(StepTally tally) {
    boolean integerOwner =
        owner.identity().valueTypes().equals(List.of(ValueType.LONG))
            && keyColumns.size() >= bridge.ownerColumns().size()
            && keyColumns.subList(0, bridge.ownerColumns().size()).equals(bridge.ownerColumns());
    if (!integerOwner) {
      return null;
    }
    ReadRequest request =
        ReadRequest.builder()
            .table(bridge.table())
            .columns(columns)
            .keyColumns(keyColumns)
            .fetchSize(run.fetchSize())
            .fetchBytes(run.fetchBytes())
            .build();
    return new OrderedLinks(run.source.read(request), tally);
  }

  /** The bridge rows of the chunk's owners, read by one lookup. */
  private List<Conversion> lookUp(List<IdentityChunks.Identity> chunk, StepTally tally) {
    LookupRequest request =
        LookupRequest.builder()
            .table(bridge.table())
            .columns(columns)
            .keyColumns(keyColumns)
            .matchColumns(bridge.ownerColumns())
            .candidates(chunk.stream().map(IdentityChunks.Identity::key).toList())
            .zone(zone)
            .build();
    List<Conversion> links = new ArrayList<>();
    try (RowCursor rows = run.source.lookup(request)) {
      while (rows.hasNext()) {
        countRead(tally);
        links.add(converter.convert(rows.next()));
      }
    }
    return links;
  }

  private void countRead(StepTally tally) {
    tally.rowsRead++;
    run.rowsRead(1);
  }

  /**
   * The bridge's rows read in owner order and handed out chunk by chunk of owners, which come in
   * ascending order too. Should either order break, the rest goes by lookups.
   */
  private final class OrderedLinks implements AutoCloseable {
    private final RowCursor rows;
    private final StepTally tally;
    private Conversion pending;
    private long lastOwner = Long.MIN_VALUE;
    private long lastRow = Long.MIN_VALUE;
    private boolean inOrder = true;

    OrderedLinks(RowCursor rows, StepTally tally) {
      this.rows = rows;
      this.tally = tally;
      pending = next();
    }

    /** The rows of the chunk's owners; null once the orders broke, for the caller to look up. */
    List<Conversion> of(List<IdentityChunks.Identity> chunk) {
      long first = (Long) chunk.get(0).value();
      long last = (Long) chunk.get(chunk.size() - 1).value();
      if (!inOrder || first < lastOwner || last < first) {
        inOrder = false;
        return null;
      }
      lastOwner = last;
      Set<Object> owners = new HashSet<>();
      chunk.forEach(o -> owners.add(o.value()));
      List<Conversion> links = new ArrayList<>();
      while (inOrder && pending != null && ownerOf(pending) <= last) {
        // a row of an owner the target does not hold is passed over, as a lookup would never read
        // it; should the orders break, the lookups that follow read it again
        if (owners.contains(ownerOf(pending))) {
          countRead(tally);
          links.add(pending);
        }
        pending = next();
      }
      return inOrder ? links : null;
    }

    private long ownerOf(Conversion link) {
      return (Long) link.entity().identity().value();
    }

    /**
     * The next row that converts; rows that do not are rejected as they are read. A row counts as
     * read once handed out or rejected, so that the rows of a chunk given up for lookups count
     * once.
     */
    private Conversion next() {
      while (rows.hasNext()) {
        Conversion conversion = converter.convert(rows.next());
        if (conversion.isError()) {
          countRead(tally);
          tally.reject(conversion.error());
          continue;
        }
        long owner = ownerOf(conversion);
        if (owner < lastRow) {
          inOrder = false;
        }
        lastRow = owner;
        return conversion;
      }
      return null;
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  private List<TxEntity> changes(
      List<IdentityChunks.Identity> chunk, List<Conversion> links, StepTally tally) {
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
    {
      for (Conversion conversion : links) {
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
