package io.datomize.spi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One transaction of a migration step: entities plus the checkpoint that commits with them. The
 * batch covers the source rows after {@link #afterKey()} (from the start when empty) up to and
 * including {@link #lastKey()}; a target stores both on the transaction entity, so the chain of
 * committed batches tells where a resumed run continues.
 */
@Value.Immutable
public abstract class TxBatch {
  public abstract String runId();

  /** The plan step this batch belongs to, e.g. {@code load public.users}. */
  public abstract String stepId();

  /** The batch's number within its step, from 0. */
  public abstract long sequence();

  public abstract Optional<RowKey> afterKey();

  public abstract RowKey lastKey();

  public abstract List<TxEntity> entities();

  /**
   * Whether the checkpoint is recorded. A batch that is split to isolate bad rows is sent in parts
   * without a checkpoint, and the checkpoint follows once every part is settled.
   */
  @Value.Default
  public boolean recordsCheckpoint() {
    return true;
  }

  /**
   * For a batch of a followed change stream: the source position of the last transaction it
   * completes, stored on the transaction so a restarted follower resumes after it. A source
   * transaction split into several batches carries it on its last batch only.
   */
  public abstract OptionalLong sourcePosition();

  /**
   * Whether the batch belongs to a bulk load ({@link TargetSink#beginBulkLoad}): its entities are
   * new unless this load already made them, and its refs name entities this load made.
   */
  @Value.Default
  public boolean bulk() {
    return false;
  }

  /**
   * In a bulk load, whether the batch's entities are new ones (a load step's) rather than existing
   * ones given more values (a link or bridge step's): a new entity whose unique value the load
   * already made shares it with another row, which the target reports when the load finishes.
   */
  @Value.Default
  public boolean newEntities() {
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int datomCount() {
    int count = 0;
    for (TxEntity entity : entities()) {
      count += entity.datomCount();
    }
    return count;
  }

  @Override
  public String toString() {
    return "batch "
        + sequence()
        + " of "
        + stepId()
        + " ("
        + entities().size()
        + " entities, after "
        + afterKey().map(RowKey::toString).orElse("start")
        + " to "
        + lastKey()
        + ")";
  }

  public static class Builder extends ImmutableTxBatch.Builder {}
}
