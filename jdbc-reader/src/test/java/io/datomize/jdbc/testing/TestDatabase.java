package io.datomize.jdbc.testing;

import io.datomize.jdbc.PostgresSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A database of the shared embedded server, with the small helpers tests need to set it up and look
 * into it.
 */
public final class TestDatabase {
  private final EmbeddedPostgresServer server;
  private final String name;

  TestDatabase(EmbeddedPostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public DataSource dataSource() {
    return server.database(name);
  }

  /** A data source for another database of the same server, e.g. one a script created. */
  public DataSource dataSource(String database) {
    return server.database(database);
  }

  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /**
   * A source of the database as {@code user} sees it, to build, for tests of what a user of limited
   * rights may do.
   */
  public PostgresSource.Builder sourceAs(String user, String password) {
    // the server's URL names its superuser, which would win over the user given here
    return PostgresSource.builder()
        .url(jdbcUrl().replace("?user=" + EmbeddedPostgresServer.USER, ""))
        .user(user)
        .password(password);
  }

  /**
   * Runs the SQL statements of a file on the test class path, one after the other in autocommit:
   * plain SQL only, no psql meta-commands or {@code COPY ... FROM stdin} (the examples' {@code
   * SqlScript} runs those).
   */
  public void runResource(String resource) {
    String sql;
    try (InputStream in = TestDatabase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource + " on the test class path");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    execute(sql);
  }

  public void execute(String... statements) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("in database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The single long value a query returns. */
  public long queryLong(String sql) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from: " + sql);
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("in database " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "test database " + name;
  }
}
