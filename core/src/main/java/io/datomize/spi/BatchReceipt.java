package io.datomize.spi;

import org.immutables.value.Value;

/**
 * A committed batch: its number, how many datoms it added, and the target's point in time after it.
 */
@Value.Immutable
public abstract class BatchReceipt {
  @Value.Parameter
  public abstract long sequence();

  /** Datoms the transaction asserted, the transaction's own datoms excluded. */
  @Value.Parameter
  public abstract long datoms();

  @Value.Parameter
  public abstract long basisT();

  public static BatchReceipt of(long sequence, long datoms, long basisT) {
    return ImmutableBatchReceipt.of(sequence, datoms, basisT);
  }
}
