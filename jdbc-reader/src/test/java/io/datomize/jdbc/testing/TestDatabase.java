package io.datomize.jdbc.testing;

import io.datomize.jdbc.ScriptResult;
import io.datomize.jdbc.SqlScript;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A database of the shared embedded server, with the small helpers tests need to set it up and look into it. */
public final class TestDatabase {
  private final EmbeddedPostgres server;
  private final String name;

  TestDatabase(EmbeddedPostgres server, String name) {
    this.server = server;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public DataSource dataSource() {
    return server.getDatabase(EmbeddedPostgresServer.USER, name);
  }

  /** A data source for another database of the same server, e.g. one a script created. */
  public DataSource dataSource(String database) {
    return server.getDatabase(EmbeddedPostgresServer.USER, database);
  }

  public String jdbcUrl() {
    return server.getJdbcUrl(EmbeddedPostgresServer.USER, name);
  }

  /** Opens connections to any database of the server, as {@link SqlScript} needs for {@code \c}. */
  public SqlScript.Connector connector() {
    return database -> dataSource(database).getConnection();
  }

  /** Runs a psql script held in a string, starting in this database. */
  public ScriptResult runScript(String script) {
    InputStream in = new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8));
    return SqlScript.run(in, "inline script", name, connector());
  }

  /** Runs a psql script from the test class path, starting in this database. */
  public ScriptResult runResource(String resource) {
    InputStream in = TestDatabase.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("no resource " + resource + " on the test class path");
    }
    return SqlScript.run(in, resource, name, connector());
  }

  public void execute(String... statements) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("in database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The single long value a query returns. */
  public long queryLong(String sql) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
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
