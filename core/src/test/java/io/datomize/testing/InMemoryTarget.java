package io.datomize.testing;

import io.datomize.spi.BatchReceipt;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RunRecord;
import io.datomize.spi.SchemaConflictException;
import io.datomize.spi.SchemaInstallation;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Tuple;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A target in memory, for tests of the engine without Datomic: entities upserted by their identity,
 * the schema, the checkpoints of committed batches, and read-back. A batch is atomic: a value of
 * the wrong type for its attribute, or an entity the test chose with {@link #refuse}, fails the
 * whole batch with a non-retryable {@link BatchRejectedException} and writes nothing. It observes
 * the largest number of batches pending at once; with {@link #completeOnWait()} a batch stays
 * pending until someone waits for its future, so the engine's in-flight bound is what limits it. It
 * passes {@link io.datomize.spi.TargetSinkContract}.
 */
public final class InMemoryTarget implements TargetSink {
  private final Store store;
  private final Set<LookupRef> refused = new HashSet<>();
  private final List<TxBatch> submitted = new ArrayList<>();
  private boolean completeOnWait;
  private int pending;
  private int maxPending;

  public InMemoryTarget() {
    this(new Store());
  }

  private InMemoryTarget(Store store) {
    this.store = store;
  }

  /**
   * Another sink on the same data, as a later process would connect; it refuses nothing and
   * completes at once.
   */
  public InMemoryTarget reopen() {
    return new InMemoryTarget(store);
  }

  /** Refuses every batch holding an entity of one of these identities, for its data. */
  public synchronized InMemoryTarget refuse(Collection<LookupRef> identities) {
    refused.addAll(identities);
    return this;
  }

  /**
   * Leaves each submitted batch pending until its future is waited for ({@code join} or {@code
   * get}).
   */
  public synchronized InMemoryTarget completeOnWait() {
    completeOnWait = true;
    return this;
  }

  /** The most batches that were submitted and not yet completed at one time. */
  public synchronized int maxPending() {
    return maxPending;
  }

  /** Every batch submitted, in order, the refused ones and the parts of bisected ones included. */
  public synchronized List<TxBatch> submitted() {
    return List.copyOf(submitted);
  }

  /**
   * The values of the entity of {@code identity}, without its identity; empty when there is none.
   */
  public Optional<Map<Attribute, Object>> entity(LookupRef identity) {
    synchronized (store) {
      return Optional.ofNullable(store.entities.get(identity)).map(Map::copyOf);
    }
  }

  /** Every entity by its identity, with its values as sets for many attributes: a full dump. */
  public Map<LookupRef, Map<Attribute, Object>> entities() {
    synchronized (store) {
      Map<LookupRef, Map<Attribute, Object>> dump = new HashMap<>();
      store.entities.forEach(
          (identity, values) -> {
            Map<Attribute, Object> copy = new HashMap<>();
            values.forEach(
                (attribute, value) ->
                    copy.put(
                        attribute, value instanceof Collection<?> many ? Set.copyOf(many) : value));
            dump.put(identity, copy);
          });
      return dump;
    }
  }

  /** Removes an entity, as if it had never been loaded. */
  public void delete(LookupRef identity) {
    synchronized (store) {
      store.entities.remove(identity);
    }
  }

  /** Retracts one attribute of an entity. */
  public void retract(LookupRef identity, Attribute attribute) {
    synchronized (store) {
      store.entities.get(identity).remove(attribute);
    }
  }

  /**
   * Asserts a value as it is, without the checks of a transaction, to make the target differ from
   * the source.
   */
  public void overwrite(LookupRef identity, Attribute attribute, Object value) {
    synchronized (store) {
      store.entities.get(identity).put(attribute, value);
    }
  }

  @Override
  public SchemaInstallation installSchema(TargetSchema schema) {
    synchronized (store) {
      return store.install(schema);
    }
  }

  @Override
  public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
    Set<LookupRef> refusedNow;
    boolean onWait;
    synchronized (this) {
      submitted.add(batch);
      pending++;
      maxPending = Math.max(maxPending, pending);
      refusedNow = Set.copyOf(refused);
      onWait = completeOnWait;
    }
    Supplier<BatchReceipt> transact =
        () -> {
          try {
            synchronized (store) {
              return store.transact(batch, refusedNow);
            }
          } finally {
            synchronized (this) {
              pending--;
            }
          }
        };
    CompletesOnWait future = new CompletesOnWait(transact);
    if (!onWait) {
      future.complete();
    }
    return future;
  }

  @Override
  public List<CommittedBatch> committedBatches(String runId, String stepId) {
    synchronized (store) {
      return List.copyOf(store.checkpoints.getOrDefault(List.of(runId, stepId), List.of()));
    }
  }

  @Override
  public long countEntities(Attribute identity) {
    synchronized (store) {
      return store.entities.keySet().stream().filter(e -> e.attribute().equals(identity)).count();
    }
  }

  @Override
  public long countValues(Attribute attribute) {
    synchronized (store) {
      long count = 0;
      for (Map.Entry<LookupRef, Map<Attribute, Object>> entity : store.entities.entrySet()) {
        if (entity.getKey().attribute().equals(attribute)) {
          count++;
        }
        Object value = entity.getValue().get(attribute);
        if (value != null) {
          count += value instanceof Collection<?> many ? many.size() : 1;
        }
      }
      return count;
    }
  }

  @Override
  public List<Optional<Map<Attribute, Object>>> pull(PullSpec spec, List<LookupRef> identities) {
    synchronized (store) {
      List<Optional<Map<Attribute, Object>>> result = new ArrayList<>();
      for (LookupRef identity : identities) {
        Map<Attribute, Object> entity = store.entities.get(identity);
        if (entity == null) {
          result.add(Optional.empty());
          continue;
        }
        Map<Attribute, Object> pulled = new LinkedHashMap<>();
        for (Attribute attribute : spec.attributes()) {
          Object value =
              attribute.equals(identity.attribute()) ? identity.value() : entity.get(attribute);
          Attribute named = spec.refIdentities().get(attribute);
          if (value instanceof Collection<?> many) {
            pulled.put(
                attribute, Set.copyOf(many.stream().map(v -> store.name(v, named)).toList()));
          } else if (value != null) {
            pulled.put(attribute, store.name(value, named));
          }
        }
        result.add(Optional.of(pulled));
      }
      return result;
    }
  }

  @Override
  public Stream<Object> identityValues(Attribute identity) {
    synchronized (store) {
      List<Object> values =
          new ArrayList<>(
              store.entities.keySet().stream()
                  .filter(e -> e.attribute().equals(identity))
                  .map(LookupRef::value)
                  .toList());
      if (values.stream().allMatch(Long.class::isInstance)) {
        values.sort(null);
      }
      return values.stream();
    }
  }

  /** Loads as usual, since entities here are keyed by their identity anyway. */
  @Override
  public boolean beginBulkLoad(TargetSchema schema) {
    synchronized (store) {
      boolean loaded =
          schema.attributes().stream()
              .anyMatch(a -> a.unique() != Uniqueness.NONE && store.schema.containsKey(a.ident()));
      if (loaded && !store.bulkLoading) {
        return false;
      }
      store.bulkLoading = true;
      store.install(schema);
      return true;
    }
  }

  @Override
  public List<String> finishBulkLoad(TargetSchema schema) {
    synchronized (store) {
      store.bulkLoading = false;
      return List.of();
    }
  }

  @Override
  public Duration index() {
    return Duration.ZERO;
  }

  @Override
  public OptionalLong lastSourcePosition(String runId) {
    synchronized (store) {
      return store.positions.containsKey(runId)
          ? OptionalLong.of(store.positions.get(runId))
          : OptionalLong.empty();
    }
  }

  @Override
  public void recordRun(RunRecord record) {
    synchronized (store) {
      store.runs.removeIf(r -> r.runId().equals(record.runId()));
      store.runs.add(record);
      store.basisT++;
    }
  }

  @Override
  public List<RunRecord> runRecords() {
    synchronized (store) {
      return List.copyOf(store.runs);
    }
  }

  @Override
  public TargetSink rehearsal() {
    synchronized (store) {
      return new InMemoryTarget(store.copy());
    }
  }

  @Override
  public void close() {
    // the data stays for a reopened sink
  }

  /** The data of one target, shared by the sinks opened on it. */
  private static final class Store {
    final Map<Attribute, AttributeSchema> schema = new LinkedHashMap<>();
    final Set<EnumIdent> enumIdents = new HashSet<>();
    final Map<LookupRef, Map<Attribute, Object>> entities = new LinkedHashMap<>();
    final Map<List<String>, List<CommittedBatch>> checkpoints = new HashMap<>();
    final List<RunRecord> runs = new ArrayList<>();
    final Map<String, Long> positions = new HashMap<>();
    boolean bulkLoading;
    long basisT;

    Store copy() {
      Store copy = new Store();
      copy.schema.putAll(schema);
      copy.enumIdents.addAll(enumIdents);
      entities.forEach(
          (identity, values) -> copy.entities.put(identity, new LinkedHashMap<>(values)));
      checkpoints.forEach((step, batches) -> copy.checkpoints.put(step, new ArrayList<>(batches)));
      copy.runs.addAll(runs);
      copy.positions.putAll(positions);
      copy.bulkLoading = bulkLoading;
      copy.basisT = basisT;
      return copy;
    }

    SchemaInstallation install(TargetSchema wanted) {
      List<String> conflicts = new ArrayList<>();
      for (AttributeSchema attribute : wanted.attributes()) {
        AttributeSchema existing = schema.get(attribute.ident());
        if (existing != null && !describe(existing).equals(describe(attribute))) {
          conflicts.add(
              attribute.ident()
                  + " is "
                  + describe(existing)
                  + " in the target, the schema wants "
                  + describe(attribute));
        }
      }
      if (!conflicts.isEmpty()) {
        throw new SchemaConflictException(conflicts);
      }
      SchemaInstallation.Builder done = SchemaInstallation.builder();
      for (AttributeSchema attribute : wanted.attributes()) {
        if (schema.putIfAbsent(attribute.ident(), attribute) == null) {
          done.addInstalled(attribute.ident());
        } else {
          done.addAlreadyPresent(attribute.ident());
        }
      }
      int newIdents = 0;
      for (EnumIdent ident : wanted.enumIdents()) {
        newIdents += enumIdents.add(ident) ? 1 : 0;
      }
      return done.enumIdentsInstalled(newIdents).build();
    }

    private static String describe(AttributeSchema attribute) {
      return attribute.valueType().ident()
          + " "
          + attribute.tupleTypes()
          + ", cardinality "
          + attribute.cardinality().name().toLowerCase(Locale.ROOT)
          + ", unique "
          + attribute.unique().name().toLowerCase(Locale.ROOT);
    }

    BatchReceipt transact(TxBatch batch, Set<LookupRef> refused) {
      for (TxEntity entity : batch.entities()) {
        check(entity, refused);
      }
      long datoms = 0;
      long retracted = 0;
      for (TxEntity entity : batch.entities()) {
        if (entity.retractsEntity()) {
          retracted += retractEntity(entity.identity());
          continue;
        }
        Map<Attribute, Object> values = entities.get(entity.identity());
        for (int i = 0; i < entity.retractionCount(); i++) {
          retracted +=
              values == null
                  ? 0
                  : retractValue(values, entity.retractedAttribute(i), entity.retractedValue(i));
        }
        if (entity.size() == 0 && entity.retractionCount() > 0) {
          continue;
        }
        if (values == null) {
          values = new LinkedHashMap<>();
          entities.put(entity.identity(), values);
          datoms++;
        }
        for (int i = 0; i < entity.size(); i++) {
          datoms += assertValue(values, entity.attribute(i), entity.value(i));
        }
      }
      if (batch.recordsCheckpoint()) {
        checkpoints
            .computeIfAbsent(List.of(batch.runId(), batch.stepId()), k -> new ArrayList<>())
            .add(CommittedBatch.of(batch.sequence(), batch.afterKey(), batch.lastKey()));
        batch
            .sourcePosition()
            .ifPresent(position -> positions.merge(batch.runId(), position, Math::max));
      }
      return BatchReceipt.of(batch.sequence(), datoms, retracted, ++basisT);
    }

    /** Removes the entity and every ref to it by its identity; the number of datoms retracted. */
    private long retractEntity(LookupRef identity) {
      Map<Attribute, Object> values = entities.remove(identity);
      if (values == null) {
        return 0;
      }
      long retracted = 1;
      for (Object value : values.values()) {
        retracted += value instanceof Collection<?> many ? many.size() : 1;
      }
      for (Map<Attribute, Object> other : entities.values()) {
        for (Attribute attribute : List.copyOf(other.keySet())) {
          retracted += retractValue(other, attribute, identity);
        }
      }
      return retracted;
    }

    private static long retractValue(
        Map<Attribute, Object> values, Attribute attribute, Object value) {
      Object current = values.get(attribute);
      if (current instanceof Collection<?> many) {
        Set<Object> remaining = new LinkedHashSet<>(many);
        if (!remaining.remove(value)) {
          return 0;
        }
        if (remaining.isEmpty()) {
          values.remove(attribute);
        } else {
          values.put(attribute, remaining);
        }
        return 1;
      }
      if (current != null && current.equals(value)) {
        values.remove(attribute);
        return 1;
      }
      return 0;
    }

    /** Asserts a value as an upsert does; the number of datoms it adds. */
    private long assertValue(Map<Attribute, Object> values, Attribute attribute, Object value) {
      if (value instanceof Collection<?> many) {
        Set<Object> existing = new LinkedHashSet<>();
        if (values.get(attribute) instanceof Collection<?> before) {
          existing.addAll(before);
        }
        int size = existing.size();
        existing.addAll(many);
        values.put(attribute, existing);
        return existing.size() - size;
      }
      return Objects.equals(values.put(attribute, value), value) ? 0 : 1;
    }

    private void check(TxEntity entity, Set<LookupRef> refused) {
      if (refused.contains(entity.identity())) {
        throw new BatchRejectedException(
            "the test refuses entity " + entity.identity(), false, null);
      }
      if (entity.retractsEntity()) {
        return;
      }
      checkValue(entity, entity.identity().attribute(), entity.identity().value());
      for (int i = 0; i < entity.size(); i++) {
        AttributeSchema attribute = checkValue(entity, entity.attribute(i), entity.value(i));
        if (entity.value(i) instanceof Collection<?>
            && attribute.cardinality() != Cardinality.MANY) {
          throw rejected(
              entity,
              entity.attribute(i),
              entity.value(i),
              "has several values and cardinality one");
        }
      }
    }

    private AttributeSchema checkValue(TxEntity entity, Attribute ident, Object value) {
      AttributeSchema attribute = schema.get(ident);
      if (attribute == null) {
        throw rejected(entity, ident, value, "is not installed");
      }
      for (Object one : value instanceof Collection<?> many ? many : List.of(value)) {
        if (!fits(attribute.valueType(), one)) {
          throw rejected(entity, ident, one, "is not a " + attribute.valueType().ident());
        }
      }
      return attribute;
    }

    private static boolean fits(ValueType type, Object value) {
      return switch (type) {
        case REF -> value instanceof LookupRef || value instanceof EnumIdent;
        case TUPLE -> value instanceof Tuple;
        default -> type.javaType().isInstance(value);
      };
    }

    private static BatchRejectedException rejected(
        TxEntity entity, Attribute attribute, Object value, String why) {
      return new BatchRejectedException(
          "entity " + entity.identity() + ": value " + value + " of " + attribute + " " + why,
          false,
          null);
    }

    /**
     * A value as a pull gives it: a ref named by the unique attribute the pull asks for, when there
     * is one.
     */
    Object name(Object value, Attribute by) {
      if (by == null || !(value instanceof LookupRef ref) || ref.attribute().equals(by)) {
        return value;
      }
      for (Map.Entry<LookupRef, Map<Attribute, Object>> entity : entities.entrySet()) {
        Object key =
            entity.getKey().attribute().equals(ref.attribute())
                ? entity.getKey().value()
                : entity.getValue().get(ref.attribute());
        if (ref.value().equals(key)) {
          Object named =
              entity.getKey().attribute().equals(by)
                  ? entity.getKey().value()
                  : entity.getValue().get(by);
          return named == null ? value : LookupRef.of(by, named);
        }
      }
      return value;
    }
  }

  /** A future that runs its transaction when completed, at once or when first waited for. */
  private static final class CompletesOnWait extends CompletableFuture<BatchReceipt> {
    private final Supplier<BatchReceipt> transact;
    private boolean ran;

    CompletesOnWait(Supplier<BatchReceipt> transact) {
      this.transact = transact;
    }

    synchronized void complete() {
      if (ran) {
        return;
      }
      ran = true;
      try {
        complete(transact.get());
      } catch (BatchRejectedException e) {
        completeExceptionally(e);
      }
    }

    @Override
    public BatchReceipt join() {
      complete();
      return super.join();
    }

    @Override
    public BatchReceipt get() throws InterruptedException, ExecutionException {
      complete();
      return super.get();
    }

    @Override
    public BatchReceipt get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
      complete();
      return super.get(timeout, unit);
    }
  }
}
