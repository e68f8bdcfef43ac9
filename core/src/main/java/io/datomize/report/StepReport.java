package io.datomize.report;

import io.datomize.catalog.TableName;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one step of a run did. Every row the step read is accounted for: it was loaded, rejected, or
 * (in a link step) had no deferred reference to assert.
 */
@Value.Immutable
public abstract class StepReport {
  public abstract String stepId();

  public abstract TableName table();

  public abstract long rowsRead();

  /**
   * Rows transacted: entities for a load, entities given their deferred refs for a link, links for
   * a bridge.
   */
  public abstract long rowsLoaded();

  public abstract long rowsRejected();

  /** Rows of a link step whose deferred foreign keys are all null: nothing to assert. */
  public abstract long rowsWithoutData();

  /** Datoms asserted. */
  public abstract long datoms();

  public abstract long transactions();

  public abstract Duration duration();

  /** In a sync, the rows whose entity was new. */
  @Value.Default
  public long rowsInserted() {
    return 0;
  }

  /** In a sync, the rows whose entity changed. */
  @Value.Default
  public long rowsUpdated() {
    return 0;
  }

  /** In a sync, the rows whose entity already held what they convert to. */
  @Value.Default
  public long rowsUnchanged() {
    return 0;
  }

  /**
   * In a sync, the target entities whose source key was checked for a row still present: every
   * entity of the table, by key only.
   */
  @Value.Default
  public long keysChecked() {
    return 0;
  }

  /** In a sync, the entities whose source row is gone: retracted, marked or reported. */
  @Value.Default
  public long entitiesDeleted() {
    return 0;
  }

  /** Datoms retracted. */
  @Value.Default
  public long datomsRetracted() {
    return 0;
  }

  /** The source key after which this invocation continued, when it resumed the step. */
  public abstract Optional<String> resumedAfter();

  public static Builder builder() {
    return new Builder();
  }

  /** Whether rows read = loaded + rejected + without data. */
  public boolean reconciles() {
    return rowsRead() == rowsLoaded() + rowsRejected() + rowsWithoutData();
  }

  public double rowsPerSecond() {
    double seconds = duration().toNanos() / 1e9;
    return seconds == 0 ? 0 : rowsRead() / seconds;
  }

  public static class Builder extends ImmutableStepReport.Builder {}
}
