package io.datomize.datomic.internal;

import clojure.lang.Keyword;
import datomic.Connection;
import datomic.Database;
import datomic.Datom;
import datomic.Peer;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowKey;
import io.datomize.spi.RunRecord;
import io.datomize.spi.SchemaConflictException;
import io.datomize.spi.SchemaInstallation;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Uniqueness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Datomic {@link TargetSink}: schema installation, pipelined transactions with their
 * checkpoints, and read-back. Build it with {@code DatomicTarget.builder()}.
 */
public final class DatomicSink implements TargetSink {
  private static final Logger LOG = LoggerFactory.getLogger(DatomicSink.class);
  private static final String COMMITTED_BATCHES =
      "[:find ?sequence ?after ?last :in $ ?run ?step :where"
          + " [?tx :datomize.tx/run-id ?run] [?tx :datomize.tx/step-id ?step] [?tx :datomize.tx/sequence ?sequence]"
          + " [?tx :datomize.tx/last-key ?last] [(get-else $ ?tx :datomize.tx/after-key \"\") ?after]]";

  private static final String LAST_SOURCE_POSITION =
      "[:find (max ?position) :in $ ?run :where"
          + " [?tx :datomize.tx/run-id ?run] [?tx :datomize.tx/source-position ?position]]";

  private final Transactor transactor;
  private final String description;

  /** Batches submitted and not yet settled, for {@link #close()} to wait for. */
  private final Set<CompletableFuture<BatchReceipt>> inFlight = ConcurrentHashMap.newKeySet();

  private final Duration timeout;
  private final RetryPolicy retry;

  /** The entities a bulk load made, and the attributes that name them. */
  private final EntityIds made = new EntityIds();

  private volatile List<Keyword> bulkUnique = List.of();
  private final ScheduledExecutorService executor;

  /** Sends the transactions, one thread so that they reach Datomic in the order submitted. */
  private final ExecutorService transacting;

  private volatile boolean closed;

  /**
   * @param description how to name the target in messages, credentials already masked
   */
  public DatomicSink(
      Transactor transactor, String description, Duration timeout, RetryPolicy retry) {
    this.transactor = transactor;
    this.description = description;
    this.timeout = timeout;
    this.retry = retry;
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "datomize-datomic-writer");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    this.executor = scheduler;
    this.transacting =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "datomize-datomic-transact");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * A sink on a speculative copy of this target's current database value; closing it drops the
   * copy.
   */
  @Override
  public TargetSink rehearsal() {
    return new DatomicSink(
        Transactor.speculative(transactor.db()), description + " (rehearsal)", timeout, retry);
  }

  @Override
  public SchemaInstallation installSchema(TargetSchema schema) {
    Database db = transactor.db();
    List<Object> forms = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    SchemaInstallation.Builder result = SchemaInstallation.builder();
    List<AttributeSchema> attributes = new ArrayList<>(SchemaForms.sorted(schema.attributes()));
    attributes.addAll(SchemaForms.METADATA);
    for (AttributeSchema wanted : attributes) {
      Keyword ident = Keywords.of(wanted.ident());
      Optional<InstalledAttribute> existing = InstalledAttribute.read(db, ident);
      if (existing.isEmpty() && db.entid(ident) != null) {
        conflicts.add(
            ident
                + " exists in the target but is not an attribute (rename the attribute in the mapping)");
      } else if (existing.isEmpty()) {
        forms.add(SchemaForms.attribute(wanted));
        result.addInstalled(wanted.ident());
      } else if (!existing.get().conflictsWith(wanted).isEmpty()) {
        conflicts.addAll(existing.get().conflictsWith(wanted));
      } else if (existing.get().sameAs(wanted)) {
        result.addAlreadyPresent(wanted.ident());
      } else {
        forms.add(SchemaForms.alteration(wanted));
        result.addInstalled(wanted.ident());
      }
    }
    int enumIdents = 0;
    for (EnumIdent enumIdent : SchemaForms.sortedIdents(schema)) {
      Keyword ident = Keywords.of(enumIdent);
      if (db.attribute(ident) != null) {
        conflicts.add(
            ident
                + " is an attribute in the target, the mapping wants it as an enum ident"
                + " (rename the enum value in the mapping)");
      } else if (db.entid(ident) == null) {
        forms.add(SchemaForms.enumIdent(enumIdent));
        enumIdents++;
      }
    }
    if (!conflicts.isEmpty()) {
      throw new SchemaConflictException(conflicts);
    }
    if (!forms.isEmpty()) {
      transactSynchronously(forms, "installing the schema");
    }
    SchemaInstallation installation = result.enumIdentsInstalled(enumIdents).build();
    LOG.info(
        "schema of {}: {} attributes installed or altered, {} already present, {} enum idents installed",
        description,
        installation.installed().size(),
        installation.alreadyPresent().size(),
        enumIdents);
    return installation;
  }

  private void transactSynchronously(List<?> txData, String what) {
    try {
      transactor.transact(txData).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what + " into " + description, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          what + " into " + description + " failed: " + Failures.describe(e, timeout),
          Failures.unwrap(e));
    }
  }

  /**
   * Sends the batch at once: the caller bounds how many are in flight (the engine, by its run
   * options).
   */
  @Override
  public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
    if (closed) {
      throw new IllegalStateException(
          "the Datomic target " + description + " is closed; " + batch + " was not sent");
    }
    List<Object> txData;
    try {
      txData = TxData.of(batch, transactor::db, batch.bulk() ? made : null);
    } catch (BatchRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<BatchReceipt> result = new CompletableFuture<>();
    inFlight.add(result);
    attempt(batch, txData, 1, result);
    return result;
  }

  private void attempt(
      TxBatch batch, List<Object> txData, int attempt, CompletableFuture<BatchReceipt> result) {
    CompletableFuture<Map<?, ?>> pending = new CompletableFuture<>();
    transacting.execute(() -> transact(txData, pending));
    pending
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync(
            (report, error) -> {
              try {
                handle(batch, txData, attempt, result, report, error);
              } catch (RuntimeException | Error e) {
                // whatever went wrong here, the batch's future must not be left pending
                settle(
                    result,
                    null,
                    new BatchRejectedException(batch + " failed in the writer: " + e, false, e));
              }
            },
            executor);
  }

  /**
   * Runs on {@link #transacting}: a Peer on {@code datomic:mem} transacts on the calling thread, so
   * the caller builds the next batch's transaction data meanwhile instead of waiting.
   */
  private void transact(List<Object> txData, CompletableFuture<Map<?, ?>> pending) {
    try {
      transactor
          .transact(txData)
          .whenComplete(
              (report, error) -> {
                if (error == null) {
                  pending.complete(report);
                } else {
                  pending.completeExceptionally(error);
                }
              });
    } catch (RuntimeException e) {
      pending.completeExceptionally(e);
    }
  }

  private void handle(
      TxBatch batch,
      List<Object> txData,
      int attempt,
      CompletableFuture<BatchReceipt> result,
      Map<?, ?> report,
      Throwable error) {
    if (error == null) {
      if (batch.bulk()) {
        remember(batch, report);
      }
      settle(result, receipt(batch, report), null);
    } else if (Failures.isRetryable(error) && attempt <= retry.maxRetries() && !closed) {
      Duration wait = retry.backoff(attempt);
      LOG.warn(
          "{}: sending it again in {} ({} of {} retries): {}",
          batch,
          wait,
          attempt,
          retry.maxRetries(),
          Failures.describe(error, timeout));
      executor.schedule(
          () -> attempt(batch, txData, attempt + 1, result),
          wait.toMillis(),
          TimeUnit.MILLISECONDS);
    } else {
      settle(result, null, Failures.rejection(batch, error, timeout, attempt));
    }
  }

  /**
   * Completes the batch before it leaves {@link #inFlight}, so that {@link #close()} never misses
   * one unsettled.
   */
  private void settle(
      CompletableFuture<BatchReceipt> result, BatchReceipt receipt, BatchRejectedException error) {
    if (error == null) {
      result.complete(receipt);
    } else {
      result.completeExceptionally(error);
    }
    inFlight.remove(result);
  }

  /** Keeps the ids of the entities the batch made, by each of their unique values. */
  private void remember(TxBatch batch, Map<?, ?> report) {
    Database after = (Database) report.get(Connection.DB_AFTER);
    Object tempids = report.get(Connection.TEMPIDS);
    List<TxEntity> entities = batch.entities();
    for (int i = 0; i < entities.size(); i++) {
      Object id = Peer.resolveTempid(after, tempids, TxData.tempid(i));
      if (id == null) {
        continue;
      }
      TxEntity entity = entities.get(i);
      long entityId = (Long) id;
      made.put(
          Keywords.of(entity.identity().attribute()),
          TxData.toDatomic(entity.identity().value()),
          entityId,
          () -> after);
      for (int j = 0; j < entity.size(); j++) {
        Keyword attribute = Keywords.of(entity.attribute(j));
        if (bulkUnique.contains(attribute)) {
          made.put(attribute, TxData.toDatomic(entity.value(j)), entityId, () -> after);
        }
      }
    }
  }

  @Override
  public boolean beginBulkLoad(TargetSchema schema) {
    Database db = transactor.db();
    List<AttributeSchema> loose = new ArrayList<>();
    List<Keyword> unique = new ArrayList<>();
    for (AttributeSchema attribute : schema.attributes()) {
      Keyword ident = Keywords.of(attribute.ident());
      Optional<InstalledAttribute> installed = InstalledAttribute.read(db, ident);
      if (attribute.unique() == Uniqueness.NONE) {
        // An index is built once after the load instead of datom by datom during it, unless the
        // attribute is indexed already: a bulk load never takes away what the target had.
        boolean indexedAlready = installed.map(InstalledAttribute::index).orElse(false);
        loose.add(
            attribute.index() && !indexedAlready
                ? AttributeSchema.builder().from(attribute).index(false).build()
                : attribute);
        continue;
      }
      if (installed.map(a -> a.unique() != Uniqueness.NONE).orElse(false)) {
        LOG.info(
            "{} already holds {} with its uniqueness: not a bulk load, loading as usual",
            description,
            ident);
        return false;
      }
      unique.add(ident);
      loose.add(
          AttributeSchema.builder().from(attribute).unique(Uniqueness.NONE).index(false).build());
    }
    installSchema(TargetSchema.builder().from(schema).attributes(loose).build());
    bulkUnique = List.copyOf(unique);
    return true;
  }

  @Override
  public List<String> finishBulkLoad(TargetSchema schema) {
    List<AttributeSchema> unique =
        schema.attributes().stream().filter(a -> a.unique() != Uniqueness.NONE).toList();
    List<Object> indexed = new ArrayList<>();
    for (AttributeSchema attribute : schema.attributes()) {
      if (attribute.index() || attribute.unique() != Uniqueness.NONE) {
        indexed.add(
            List.of(Keywords.DB_ADD, Keywords.of(attribute.ident()), Keywords.DB_INDEX, true));
      }
    }
    transactSchema(indexed, "indexing the unique and indexed attributes");
    Duration indexing = transactor.index();
    List<String> duplicates = new ArrayList<>(made.shared());
    Database db = transactor.db();
    for (AttributeSchema attribute : unique) {
      duplicates.addAll(Duplicates.of(db, Keywords.of(attribute.ident())));
    }
    if (!duplicates.isEmpty()) {
      return duplicates;
    }
    List<Object> uniqueness = new ArrayList<>();
    List<Object> unindexed = new ArrayList<>();
    for (AttributeSchema attribute : unique) {
      Keyword ident = Keywords.of(attribute.ident());
      uniqueness.add(
          List.of(Keywords.DB_ADD, ident, Keywords.DB_UNIQUE, Keywords.of(attribute.unique())));
      if (!attribute.index()) {
        unindexed.add(List.of(Keywords.DB_RETRACT, ident, Keywords.DB_INDEX, true));
      }
    }
    LOG.info(
        "{}: the bulk load's id map held {} bytes per entity id",
        description,
        String.format(java.util.Locale.ROOT, "%.1f", made.bytesPerId()));
    transactSchema(uniqueness, "adding uniqueness");
    transactSchema(unindexed, "leaving the index to uniqueness");
    made.clear();
    bulkUnique = List.of();
    LOG.info(
        "{}: {} attributes indexed in {} ms, then {} of them made unique",
        description,
        indexed.size(),
        indexing.toMillis(),
        unique.size());
    return List.of();
  }

  @Override
  public Duration index() {
    return transactor.index();
  }

  private void transactSchema(List<Object> forms, String what) {
    if (forms.isEmpty()) {
      return;
    }
    try {
      transactor.transact(forms).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what + " in " + description, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          what + " in " + description + " failed: " + Failures.describe(e, timeout),
          Failures.unwrap(e));
    }
  }

  private static BatchReceipt receipt(TxBatch batch, Map<?, ?> report) {
    long asserted = 0;
    long retracted = 0;
    for (Object element : (Collection<?>) report.get(Connection.TX_DATA)) {
      Datom datom = (Datom) element;
      if (datom.e().equals(datom.tx())) {
        continue;
      }
      if (datom.added()) {
        asserted++;
      } else {
        retracted++;
      }
    }
    return BatchReceipt.of(
        batch.sequence(),
        asserted,
        retracted,
        ((Database) report.get(Connection.DB_AFTER)).basisT());
  }

  @Override
  public List<CommittedBatch> committedBatches(String runId, String stepId) {
    Database db = transactor.db();
    if (db.attribute(Keywords.of(SchemaForms.RUN_ID.ident())) == null) {
      return List.of();
    }
    // A set of results: a batch sent again after a timeout, which committed twice, is one committed
    // batch.
    Collection<List<Object>> rows = Peer.q(COMMITTED_BATCHES, db, runId, stepId);
    List<CommittedBatch> batches = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      String after = (String) row.get(1);
      batches.add(
          CommittedBatch.of(
              (Long) row.get(0),
              after.isEmpty() ? Optional.empty() : Optional.of(RowKey.decode(after)),
              RowKey.decode((String) row.get(2))));
    }
    return batches;
  }

  @Override
  public OptionalLong lastSourcePosition(String runId) {
    Database db = transactor.db();
    if (db.attribute(Keywords.of(SchemaForms.SOURCE_POSITION.ident())) == null) {
      return OptionalLong.empty();
    }
    Collection<List<Object>> rows = Peer.q(LAST_SOURCE_POSITION, db, runId);
    return rows.isEmpty() || rows.iterator().next().get(0) == null
        ? OptionalLong.empty()
        : OptionalLong.of((Long) rows.iterator().next().get(0));
  }

  @Override
  public long countEntities(Attribute identity) {
    Database db = transactor.db();
    if (db.attribute(Keywords.of(identity)) == null) {
      // as for identityValues: no entity has an attribute the schema lacks
      return 0;
    }
    long entities = 0;
    Object previous = null;
    // AEVT holds an attribute's datoms grouped by entity, so a change of entity is a new one.
    for (Datom datom : datomsOf(db, identity)) {
      if (!datom.e().equals(previous)) {
        entities++;
        previous = datom.e();
      }
    }
    return entities;
  }

  @Override
  public long countValues(Attribute attribute) {
    long values = 0;
    for (Datom ignored : datomsOf(transactor.db(), attribute)) {
      values++;
    }
    return values;
  }

  /**
   * Walks the attribute's index lazily on the current database value: AVET, sorted by value, when
   * the attribute has it (a unique one always does), else AEVT.
   */
  @Override
  public Stream<Object> identityValues(Attribute identity) {
    Database db = transactor.db();
    datomic.Attribute installed = db.attribute(Keywords.of(identity));
    if (installed == null) {
      return Stream.empty();
    }
    Iterable<Datom> datoms =
        db.datoms(installed.hasAVET() ? Database.AVET : Database.AEVT, Keywords.of(identity));
    return StreamSupport.stream(datoms.spliterator(), false).map(datom -> Pulls.toCore(datom.v()));
  }

  @Override
  public void recordRun(RunRecord record) {
    if (!RunRecords.installed(transactor.db())) {
      // a run records itself after installing its schema; this serves a target used otherwise
      installSchema(TargetSchema.builder().build());
    }
    transactSynchronously(
        RunRecords.transaction(transactor.db(), record), "recording the run " + record.runId());
  }

  @Override
  public List<RunRecord> runRecords() {
    return RunRecords.read(transactor.db());
  }

  private Iterable<Datom> datomsOf(Database db, Attribute attribute) {
    requireAttribute(db, attribute);
    return db.datoms(Database.AEVT, Keywords.of(attribute));
  }

  private datomic.Attribute requireAttribute(Database db, Attribute attribute) {
    datomic.Attribute installed = db.attribute(Keywords.of(attribute));
    if (installed == null) {
      throw new IllegalArgumentException(
          attribute + " is not an attribute of " + description + "; install the schema first");
    }
    return installed;
  }

  @Override
  public List<Optional<Map<Attribute, Object>>> pull(PullSpec spec, List<LookupRef> identities) {
    Database db = transactor.db();
    Pulls pulls = new Pulls(spec, attribute -> requireAttribute(db, attribute));
    List<Optional<Map<Attribute, Object>>> results = new ArrayList<>(identities.size());
    for (LookupRef identity : identities) {
      Object entity = db.entid(TxData.toDatomic(identity));
      results.add(entity == null ? Optional.empty() : Optional.of(pulls.read(db, entity)));
    }
    return results;
  }

  /**
   * Waits for the batches in flight to settle, then stops the writer's thread. The connection stays
   * open.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Duration drain = timeout.multipliedBy(retry.maxRetries() + 1L);
    for (int retryNumber = 1; retryNumber <= retry.maxRetries(); retryNumber++) {
      drain = drain.plus(retry.backoff(retryNumber));
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(drain.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "{}: {} transactions still in flight at close; their futures will not complete",
          description,
          inFlight.size());
    } catch (ExecutionException e) {
      // a failed batch is its submitter's to handle; close only waits for it to settle
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    transacting.shutdownNow();
  }

  @Override
  public String toString() {
    return "Datomic target " + description;
  }
}
