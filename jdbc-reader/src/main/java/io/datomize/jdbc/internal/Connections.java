package io.datomize.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * Where a source gets its connections: a data source, or a JDBC URL with credentials that it never
 * shows.
 */
public final class Connections {
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)[^&;]*");
  private static final Pattern URL_USER_INFO = Pattern.compile("//([^/:@?]+):([^@/?]*)@");

  private final DataSource dataSource;
  private final String url;
  private final String user;
  private final String password;

  private Connections(DataSource dataSource, String url, String user, String password) {
    this.dataSource = dataSource;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static Connections of(DataSource dataSource) {
    return new Connections(dataSource, null, null, null);
  }

  public static Connections of(String url, String user, String password) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (jdbc:postgresql://host/db): " + mask(url));
    }
    return new Connections(null, url, user, password);
  }

  public Connection open() throws SQLException {
    if (dataSource != null) {
      return dataSource.getConnection();
    }
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return new Driver().connect(url, properties);
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
