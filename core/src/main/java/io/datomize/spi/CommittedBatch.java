package io.datomize.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** The checkpoint a committed batch left on its transaction: the key range it covered. */
@Value.Immutable
public abstract class CommittedBatch {
  @Value.Parameter
  public abstract long sequence();

  /** Empty when the batch started at the first row. */
  @Value.Parameter
  public abstract Optional<RowKey> afterKey();

  @Value.Parameter
  public abstract RowKey lastKey();

  public static CommittedBatch of(
      long sequence, Optional<? extends RowKey> afterKey, RowKey lastKey) {
    return ImmutableCommittedBatch.of(sequence, afterKey, lastKey);
  }
}
