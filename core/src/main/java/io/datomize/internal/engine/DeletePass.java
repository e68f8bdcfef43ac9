package io.datomize.internal.engine;

import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverter;
import io.datomize.model.EntityMapping;
import io.datomize.run.DeletedRows;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.PullSpec;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.SyncMarks;
import io.datomize.spi.TxEntity;
import io.datomize.target.LookupRef;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the entities of a table whose source row is gone: streams the identities the target holds,
 * in chunks, and asks the source which of each chunk's keys still have a row. Memory stays bounded
 * by the chunk, however large the table. A resumed sync runs the pass again: what it retracted is
 * gone, so it finds only the rest.
 */
final class DeletePass {
  private static final Logger LOG = LoggerFactory.getLogger(DeletePass.class);
  static final int CHUNK = 10_000;

  private final RunContext run;
  private final String stepId;
  private final EntityMapping entity;
  private final List<String> keyColumns;
  private final RowConverter identities;
  private final DeletedRows policy;
  private final Instant syncStart;
  private final ZoneId zone;

  /**
   * @param identities converts a row to the entity of its identity alone
   */
  DeletePass(
      RunContext run,
      EntityMapping entity,
      List<String> keyColumns,
      RowConverter identities,
      DeletedRows policy,
      ConversionContext context) {
    this.run = run;
    this.stepId = "delete " + entity.table();
    this.entity = entity;
    this.keyColumns = keyColumns;
    this.identities = identities;
    this.policy = policy;
    this.syncStart = context.runStart();
    this.zone = context.zone();
  }

  StepTally execute() {
    StepTally tally = new StepTally(run, stepId, entity.table());
    BatchPipeline pipeline =
        new BatchPipeline(
            run,
            stepId,
            entity.table(),
            keyColumns,
            tally,
            entities -> tally.entitiesDeleted += entities.size(),
            entity -> false);
    LinkedHashSet<String> columns = new LinkedHashSet<>(keyColumns);
    columns.addAll(entity.identity().columns());
    long[] sequence = {0};
    try (Stream<Object> held = run.sink.identityValues(entity.identity().attribute());
        OrderedKeys ordered = orderedKeys()) {
      IdentityChunks.forEach(
          held.iterator(),
          CHUNK,
          chunk -> {
            tally.keysChecked += chunk.size();
            Set<Object> present =
                ordered != null && ordered.inOrder() ? ordered.present(chunk) : null;
            if (present == null || !ordered.inOrder()) {
              present = present(chunk, List.copyOf(columns));
            }
            List<TxEntity> gone = gone(chunk, present, tally);
            if (!gone.isEmpty()) {
              pipeline.submit(IdentityChunks.batch(run, stepId, sequence[0]++, chunk, gone));
            }
          });
      pipeline.drain();
    } catch (RuntimeException e) {
      pipeline.abandon();
      throw e;
    }
    return tally;
  }

  /**
   * The source's keys in order, when they and the target's identities are both ordered by the same
   * integer: one merge of the two streams then finds the deleted rows, without a lookup per key.
   */
  private OrderedKeys orderedKeys() {
    boolean integerKey =
        entity.identity().columns().equals(keyColumns)
            && entity.identity().valueTypes().equals(List.of(ValueType.LONG));
    if (!integerKey) {
      return null;
    }
    ReadRequest request =
        ReadRequest.builder()
            .table(entity.table())
            .columns(keyColumns)
            .keyColumns(keyColumns)
            .fetchSize(CHUNK)
            .build();
    return new OrderedKeys(run.source.read(request), identities);
  }

  /** The identities of the chunk that still have a source row, by one lookup. */
  private Set<Object> present(List<IdentityChunks.Identity> chunk, List<String> columns) {
    Set<Object> present = new HashSet<>();
    LookupRequest request =
        LookupRequest.builder()
            .table(entity.table())
            .columns(columns)
            .keyColumns(keyColumns)
            .matchColumns(entity.identity().columns())
            .candidates(chunk.stream().map(IdentityChunks.Identity::key).toList())
            .zone(zone)
            .build();
    try (RowCursor rows = run.source.lookup(request)) {
      while (rows.hasNext()) {
        Conversion conversion = identities.convert(rows.next());
        if (conversion.isEntity()) {
          present.add(conversion.entity().identity().value());
        }
      }
    }
    return present;
  }

  /** The changes for the entities of the chunk whose row is gone, as the policy wants them. */
  private List<TxEntity> gone(
      List<IdentityChunks.Identity> chunk, Set<Object> present, StepTally tally) {
    List<IdentityChunks.Identity> missing =
        chunk.stream().filter(identity -> !present.contains(identity.value())).toList();
    if (missing.isEmpty()) {
      return List.of();
    }
    LOG.debug("{}: {} entities without a source row", stepId, missing.size());
    List<TxEntity> changes = new ArrayList<>();
    switch (policy) {
      case RETRACT -> {
        for (IdentityChunks.Identity identity : missing) {
          changes.add(TxEntity.retraction(identity.key(), ref(identity)));
        }
      }
      case MARK -> {
        List<LookupRef> refs = missing.stream().map(this::ref).toList();
        PullSpec marks = PullSpec.builder().addAttributes(SyncMarks.DELETED_AT).build();
        var held = run.sink.pull(marks, refs);
        for (int i = 0; i < missing.size(); i++) {
          boolean marked =
              held.get(i).map(values -> values.containsKey(SyncMarks.DELETED_AT)).orElse(true);
          if (marked) {
            tally.entitiesDeleted++;
          } else {
            changes.add(
                TxEntity.builder(missing.get(i).key(), refs.get(i), 1)
                    .add(SyncMarks.DELETED_AT, syncStart)
                    .build());
          }
        }
      }
      case REPORT -> {
        tally.entitiesDeleted += missing.size();
        LOG.info(
            "{}: {} entities have no source row any more and are kept, e.g. {}",
            stepId,
            missing.size(),
            ref(missing.get(0)));
      }
    }
    return changes;
  }

  /**
   * The source's integer identities in ascending order, merged with the target's, which its value
   * index gives in ascending order too. Should either stream not ascend (a converter that does not
   * keep the key's order), the merge gives up and the pass goes on by lookups.
   */
  private static final class OrderedKeys implements AutoCloseable {
    private final RowCursor rows;
    private final RowConverter identities;
    private Long pending;
    private long lastSource = Long.MIN_VALUE;
    private long lastTarget = Long.MIN_VALUE;
    private boolean inOrder = true;

    OrderedKeys(RowCursor rows, RowConverter identities) {
      this.rows = rows;
      this.identities = identities;
      pending = next();
    }

    boolean inOrder() {
      return inOrder;
    }

    /**
     * The chunk's identities that the source holds, the chunk following the previous one; not to be
     * trusted once {@link #inOrder()} is false.
     */
    Set<Object> present(List<IdentityChunks.Identity> chunk) {
      Set<Object> present = new HashSet<>();
      for (IdentityChunks.Identity identity : chunk) {
        long value = (Long) identity.value();
        if (value < lastTarget) {
          inOrder = false;
        }
        lastTarget = value;
        while (inOrder && pending != null && pending < value) {
          pending = next();
        }
        if (pending != null && pending == value) {
          present.add(identity.value());
        }
      }
      if (!inOrder) {
        LOG.info("identities out of order; finding deleted rows by lookups instead");
      }
      return present;
    }

    private Long next() {
      while (rows.hasNext()) {
        Conversion conversion = identities.convert(rows.next());
        if (conversion.isEntity() && conversion.entity().identity().value() instanceof Long value) {
          if (value < lastSource) {
            inOrder = false;
          }
          lastSource = value;
          return value;
        }
      }
      return null;
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  private LookupRef ref(IdentityChunks.Identity identity) {
    return LookupRef.of(entity.identity().attribute(), identity.value());
  }
}
