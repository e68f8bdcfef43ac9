package io.datomize.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Starts the read-only transaction a read runs in. Its settings make PostgreSQL's text forms
 * predictable (for decoding and for checksums) and last only until the transaction ends, so a
 * pooled connection goes back unchanged.
 */
public final class ReadSession {
  private static final String SETTINGS =
      "set local timezone = 'UTC'; set local datestyle = 'ISO, YMD';"
          + " set local intervalstyle = 'postgres'; set local bytea_output = 'hex'; set local extra_float_digits = 3";

  private ReadSession() {}

  /**
   * Turns autocommit off (pgjdbc streams with a server-side cursor only then) and applies the
   * settings.
   */
  public static void begin(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute(SETTINGS);
    }
  }

  /** Ends the transaction and gives the connection back as it came. */
  public static void end(Connection connection) throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.setReadOnly(false);
      connection.setAutoCommit(true);
    }
  }
}
