package io.datomize.jdbc;

import java.util.List;
import org.immutables.value.Value;

/** What running a {@link SqlScript} did. */
@Value.Immutable
public abstract class ScriptResult {
  /** SQL statements executed, COPY statements included. */
  @Value.Parameter
  public abstract long statements();

  /** Rows loaded by the script's {@code COPY ... FROM stdin} blocks. */
  @Value.Parameter
  public abstract long copiedRows();

  /** The database the script ended in: it differs from the starting one after a {@code \c}. */
  @Value.Parameter
  public abstract String database();

  /** What the script did that a reader of psql's output would want to know, e.g. meta-commands it skipped. */
  @Value.Parameter
  public abstract List<String> notes();

  public static ScriptResult of(long statements, long copiedRows, String database, List<String> notes) {
    return ImmutableScriptResult.of(statements, copiedRows, database, notes);
  }
}
