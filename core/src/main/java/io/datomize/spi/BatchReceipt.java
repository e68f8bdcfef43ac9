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

  /** Datoms the transaction retracted. */
  @Value.Parameter
  public abstract long retracted();

  @Value.Parameter
  public abstract long basisT();

  public static BatchReceipt of(long sequence, long datoms, long basisT) {
    return ImmutableBatchReceipt.of(sequence, datoms, 0, basisT);
  }

  public static BatchReceipt of(long sequence, long asserted, long retracted, long basisT) {
    return ImmutableBatchReceipt.of(sequence, asserted, retracted, basisT);
  }
}
