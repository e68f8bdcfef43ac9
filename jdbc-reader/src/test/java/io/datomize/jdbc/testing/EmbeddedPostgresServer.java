package io.datomize.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL server per test JVM (starting one takes seconds), shared by every test class; each class
 * takes a fresh database of its own with {@link #freshDatabase(String)}. The server stops when the JVM exits.
 */
public final class EmbeddedPostgresServer {
  /** The superuser zonky's server is initialised with. */
  public static final String USER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
    }
    return server;
  }

  /** Creates an empty database named after {@code prefix} (and a counter, so names never repeat in a JVM). */
  public static TestDatabase freshDatabase(String prefix) {
    String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists \"" + name + "\"");
      statement.execute("create database \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new TestDatabase(server(), name);
  }
}
