package io.datomize.verify;

import io.datomize.catalog.TableName;
import java.util.List;
import org.immutables.value.Value;

/** Source rows of one table against the entities in the target. */
@Value.Immutable
public abstract class TableVerification {
  public abstract TableName table();

  public abstract long sourceRows();

  /** Source rows rejected by the run, which are expected to be missing. */
  public abstract long rejectedRows();

  public abstract long entities();

  /**
   * Entities a sync kept, marked or reported, although their source row is gone; they are expected
   * on top of the rows, with their refs.
   */
  @Value.Default
  public long keptEntities() {
    return 0;
  }

  /**
   * Rows whose entity was pulled and compared value by value (all of them unless sampling was asked
   * for).
   */
  public abstract long compared();

  /** Compared rows whose entity is missing or differs. */
  public abstract long mismatches();

  /** Non-null foreign keys in the source, and values of the ref attributes in the target. */
  public abstract long sourceRefs();

  public abstract long targetRefs();

  /**
   * Up to a few messages describing mismatches, each naming table, key, attribute and both values.
   */
  public abstract List<String> examples();

  public static Builder builder() {
    return new Builder();
  }

  public boolean passed() {
    return entities() == sourceRows() - rejectedRows() + keptEntities()
        && mismatches() == 0
        && (keptEntities() == 0 ? targetRefs() == sourceRefs() : targetRefs() >= sourceRefs());
  }

  public static class Builder extends ImmutableTableVerification.Builder {}
}
