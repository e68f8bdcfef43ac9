package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.inline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Starts the read-only transaction a read runs in. Its settings make PostgreSQL's text forms
 * predictable (for decoding and for checksums) and last only until the transaction ends, so a
 * pooled connection goes back unchanged.
 */
public final class ReadSession {
  private static final List<String> SETTINGS =
      List.of(
          "timezone = 'UTC'",
          "datestyle = 'ISO, YMD'",
          "intervalstyle = 'postgres'",
          "bytea_output = 'hex'",
          "extra_float_digits = 3",
          // money then prints as $1,234.50, whatever the server's locale
          "lc_monetary = 'C'");

  // pg_export_snapshot's names: hex groups joined by dashes
  private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

  private ReadSession() {}

  /**
   * Turns autocommit off (pgjdbc streams with a server-side cursor only then) and applies the
   * settings; with a snapshot, the transaction sees the database as that exported snapshot does.
   */
  public static void begin(Connection connection, Optional<String> snapshot) throws SQLException {
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    StringBuilder sql = new StringBuilder();
    if (snapshot.isPresent()) {
      if (!SNAPSHOT_NAME.matcher(snapshot.get()).matches()) {
        throw new IllegalArgumentException("not a snapshot name: " + snapshot.get());
      }
      // both must come before the transaction's first query
      sql.append("set transaction isolation level repeatable read; set transaction snapshot ")
          .append(DSL.using(SQLDialect.POSTGRES).render(inline(snapshot.get())))
          .append("; ");
    }
    sql.append(SETTINGS.stream().map(s -> "set local " + s).collect(Collectors.joining("; ")));
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.toString());
    }
  }

  /**
   * Applies the settings to the whole session of a connection that is not pooled, such as a
   * replication connection, whose output functions then print values as reads do.
   */
  public static void applyToSession(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String setting : SETTINGS) {
        statement.execute("set " + setting);
      }
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
