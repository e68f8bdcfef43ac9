package io.datomize.plan;

import io.datomize.target.Attribute;
import java.util.HashSet;
import java.util.Set;
import org.immutables.value.Value;

/**
 * How to plan: the batch size and, when the user wants a say, which refs to defer to a link step.
 */
@Value.Immutable
public abstract class PlanOptions {
  /**
   * Source rows per transaction, for the batch estimates of {@link Plan#explain()}; 1000 by
   * default. {@code Migration} sets it from the run's {@code RunOptions.batchSize()}.
   */
  @Value.Default
  public int batchSize() {
    return 1_000;
  }

  /** Ref attributes asserted in a link step after every load, whether or not they close a cycle. */
  public abstract Set<Attribute> deferred();

  /**
   * Ref attributes asserted with their entity's load; the planner breaks cycles elsewhere, or
   * fails.
   */
  public abstract Set<Attribute> neverDeferred();

  public static PlanOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (batchSize() < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize());
    }
    Set<Attribute> both = new HashSet<>(deferred());
    both.retainAll(neverDeferred());
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          "refs "
              + both
              + " are both forced to be deferred and never to be deferred;"
              + " name each in only one of PlanOptions.deferred and PlanOptions.neverDeferred");
    }
  }

  public static class Builder extends ImmutablePlanOptions.Builder {}
}
