package io.datomize.jdbc;

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

  public static ScriptResult of(long statements, long copiedRows, String database) {
    return ImmutableScriptResult.of(statements, copiedRows, database);
  }
}
