package io.datomize.examples.sql;

import java.util.List;

/**
 * What running a {@link SqlScript} did.
 *
 * @param statements SQL statements executed, COPY statements included
 * @param copiedRows rows loaded by the script's {@code COPY ... FROM stdin} blocks
 * @param database the database the script ended in: it differs from the starting one after a {@code
 *     \c}
 * @param notes what the script did that a reader of psql's output would want to know, e.g.
 *     meta-commands it skipped
 */
public record ScriptResult(long statements, long copiedRows, String database, List<String> notes) {
  public ScriptResult {
    notes = List.copyOf(notes);
  }
}
