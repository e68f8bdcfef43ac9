package io.datomize.examples.e2e;

import io.datomize.spi.BatchReceipt;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.testing.ForwardingTarget;
import java.util.concurrent.CompletableFuture;

/**
 * The real target, but the given batch of one step fails as a crashed transactor would make it
 * fail.
 */
final class FailingAt extends ForwardingTarget {
  private final String stepId;
  private final long sequence;

  FailingAt(TargetSink target, String stepId, long sequence) {
    super(target);
    this.stepId = stepId;
    this.sequence = sequence;
  }

  @Override
  public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
    if (batch.stepId().equals(stepId) && batch.sequence() == sequence) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("injected failure at " + batch));
    }
    return super.submit(batch);
  }
}
