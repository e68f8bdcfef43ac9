package io.datomize.examples.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Counts in the Queryfeed source that tests compare the target with. */
final class QueryfeedDatabaseRows {
  private QueryfeedDatabaseRows() {}

  static long posts(DataSource database) {
    return count(database, "SELECT count(*) FROM posts");
  }

  static long usersWithoutCreatedAt(DataSource database) {
    return count(database, "SELECT count(*) FROM users WHERE created_at IS NULL");
  }

  private static long count(DataSource database, String sql) {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
