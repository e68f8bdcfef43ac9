package io.datomize.spi;

import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The database a migration writes to. Implementations are thread-safe. */
public interface TargetSink extends AutoCloseable {
  /**
   * Installs the schema. Installing it again is harmless.
   *
   * @throws SchemaConflictException listing every existing attribute that conflicts, before
   *     anything is written
   */
  SchemaInstallation installSchema(TargetSchema schema);

  /**
   * Transacts a batch, together with its checkpoint when {@link TxBatch#recordsCheckpoint()},
   * without waiting for it. The caller bounds the transactions in flight: the engine never has more
   * than its run's {@code RunOptions.transactionsInFlight()} submitted and unsettled, so a sink
   * needs no limit of its own.
   *
   * @return a future completed when the transaction commits, or completed exceptionally with a
   *     {@link BatchRejectedException} naming the reason
   */
  CompletableFuture<BatchReceipt> submit(TxBatch batch);

  /**
   * Starts a bulk load of {@code schema}: installs it with no uniqueness on its unique attributes,
   * so that their datoms cost no index lookup, and without the index of its indexed attributes not
   * indexed yet, so that it is built once after the load; and makes ready to resolve the refs of
   * {@linkplain TxBatch#bulk() bulk batches} to the entities the load creates. Installing it again,
   * to resume, is harmless.
   *
   * @return false, having installed nothing, when one of the schema's unique attributes already
   *     exists with its uniqueness (the target was loaded): the caller then loads as usual
   */
  boolean beginBulkLoad(TargetSchema schema);

  /**
   * Ends a bulk load: indexes the unique and indexed attributes, waits for the index, checks that
   * no two entities share a value of one, and only then gives them their uniqueness, leaving the
   * schema exactly as {@link #installSchema} would have.
   *
   * @return the shared values found, each named with its attribute and entities; uniqueness is not
   *     added when there is any
   */
  List<String> finishBulkLoad(TargetSchema schema);

  /** Asks the target to index what was transacted and waits until it has; the time it took. */
  Duration index();

  /** The checkpoints of every batch committed for that run and step, in no particular order. */
  List<CommittedBatch> committedBatches(String runId, String stepId);

  /**
   * Number of entities that have a value of the identity attribute; 0 when the target's schema
   * lacks it.
   */
  long countEntities(Attribute identity);

  /**
   * Number of values of an attribute across all entities (for a cardinality-many ref: its links).
   */
  long countValues(Attribute attribute);

  /**
   * The values of an identity attribute across all entities, lazily, in the target's index order
   * and in the form {@link LookupRef#value()} takes (a {@link io.datomize.target.Tuple} for a
   * composite identity). Close the stream when done.
   */
  Stream<Object> identityValues(Attribute identity);

  /**
   * The greatest {@link TxBatch#sourcePosition()} committed for that run id (a follower's stream),
   * empty when none.
   */
  OptionalLong lastSourcePosition(String runId);

  /** Records a finished run, in a transaction of its own. */
  void recordRun(RunRecord record);

  /** Every run recorded in the target, oldest first. */
  List<RunRecord> runRecords();

  /**
   * Reads entities back for verification, one result per identity in the same order; empty when
   * there is no such entity. Values come back as transaction data has them: refs named in {@link
   * PullSpec#refIdentities()} as {@link LookupRef}s, enum refs as {@link
   * io.datomize.target.EnumIdent}s, many values as a {@link java.util.Set}.
   */
  List<Optional<Map<Attribute, Object>>> pull(PullSpec spec, List<LookupRef> identities);

  /**
   * A sink for a dry run: it accepts everything this one would, schema and batches, against a
   * throwaway copy of this target, and leaves this target untouched. Closing it discards the copy.
   */
  TargetSink rehearsal();

  @Override
  void close();
}
