package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** What to follow: which tables, through which publication and slot, from where. */
@Value.Immutable
public abstract class FollowRequest {
  /** The replication slot, created when absent; it holds the source's log until confirmed. */
  public abstract String slot();

  /** The publication of {@link #tables()}, created when absent. */
  public abstract String publication();

  /** The tables the mapping maps; changes to other tables are not streamed. */
  public abstract List<TableName> tables();

  /**
   * Columns that the old row of an update or delete must hold, by table, beyond its key: a bridge's
   * link is named by its owner and target columns, which its key may not be. A source refuses to
   * open a stream whose replica identity leaves any of them out.
   */
  public abstract Map<TableName, List<String>> oldRowColumns();

  /**
   * Stream the transactions that committed after this position (the last one the target holds);
   * from the slot's start when empty.
   */
  public abstract OptionalLong startAfter();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableFollowRequest.Builder {}
}
