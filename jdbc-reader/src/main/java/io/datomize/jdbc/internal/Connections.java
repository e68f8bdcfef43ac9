package io.datomize.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ds.common.BaseDataSource;

/**
 * Where a source gets its connections: a data source, or a JDBC URL with credentials that it never
 * shows; and, for the reads of a snapshot, the exported snapshot each read transaction imports.
 */
public final class Connections {
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)[^&;]*");
  private static final Pattern URL_USER_INFO = Pattern.compile("//([^/:@?]+):([^@/?]*)@");

  private final DataSource dataSource;
  private final String url;
  private final String user;
  private final String password;
  private final String snapshot;

  private Connections(
      DataSource dataSource, String url, String user, String password, String snapshot) {
    this.dataSource = dataSource;
    this.url = url;
    this.user = user;
    this.password = password;
    this.snapshot = snapshot;
  }

  public static Connections of(DataSource dataSource) {
    return new Connections(dataSource, null, null, null, null);
  }

  public static Connections of(String url, String user, String password) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (jdbc:postgresql://host/db): " + mask(url));
    }
    return new Connections(null, url, user, password, null);
  }

  /** The same connections, whose read transactions see the database as that snapshot does. */
  public Connections withSnapshot(String snapshotName) {
    return new Connections(dataSource, url, user, password, snapshotName);
  }

  /** The exported snapshot read transactions import, if any. */
  public Optional<String> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  public Connection open() throws SQLException {
    if (dataSource != null) {
      return dataSource.getConnection();
    }
    return new Driver().connect(url, credentials(user, password));
  }

  /**
   * A connection of the replication protocol to the same database, for logical decoding. It needs a
   * URL: the one given, or that of a pgjdbc data source ({@code PGSimpleDataSource} and the like);
   * a pool's data source does not tell it.
   *
   * @throws IllegalStateException when the data source is not pgjdbc's
   */
  public Connection openReplication() throws SQLException {
    String replicationUrl = url;
    Properties properties = credentials(user, password);
    if (dataSource != null) {
      if (!dataSource.isWrapperFor(BaseDataSource.class)) {
        throw new IllegalStateException(
            "following changes needs a replication connection, which "
                + this
                + " cannot open: build the PostgresSource with url(..), user(..) and password(..),"
                + " or with a pgjdbc data source such as org.postgresql.ds.PGSimpleDataSource");
      }
      BaseDataSource pg = dataSource.unwrap(BaseDataSource.class);
      replicationUrl = pg.getUrl();
      properties = credentials(pg.getUser(), pg.getPassword());
    }
    PGProperty.REPLICATION.set(properties, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
    PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
    return new Driver().connect(replicationUrl, properties);
  }

  private static Properties credentials(String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /** {@code url} with any password in it replaced by {@code ***}. */
  public static String mask(String url) {
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
    return URL_USER_INFO.matcher(masked).replaceAll("//$1:***@");
  }

  /** Names the database for messages, without credentials. */
  @Override
  public String toString() {
    return dataSource != null
        ? "data source " + dataSource.getClass().getName()
        : mask(url) + (user == null ? "" : " as " + user);
  }
}
