package io.datomize.jdbc;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.jdbc.internal.ColumnDecoder;
import io.datomize.jdbc.internal.Connections;
import io.datomize.jdbc.internal.KeysetCursor;
import io.datomize.jdbc.internal.PgCatalog;
import io.datomize.jdbc.internal.PgColumn;
import io.datomize.jdbc.internal.PgRelation;
import io.datomize.jdbc.internal.QuietJooq;
import io.datomize.jdbc.internal.ReadSession;
import io.datomize.jdbc.internal.TableChecksum;
import io.datomize.spi.ContentKey;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceCatalog;
import io.datomize.spi.SourceException;
import io.datomize.spi.TableStats;
import io.datomize.spi.UnreadableValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A PostgreSQL database as a Datomize source: its catalog ({@link #readSchema()}) and its rows
 * ({@link #read}, {@link #stats}).
 *
 * <pre>{@code
 * try (PostgresSource source = PostgresSource.builder()
 *     .url("jdbc:postgresql://localhost/shop").user("reader").password(secret)
 *     .schemas("public", "sales")
 *     .retryPolicy(RetryPolicy.of(3, Duration.ofSeconds(1)))
 *     .build()) {
 *   SourceSchema schema = source.readSchema();
 * }
 * }</pre>
 *
 * <p>Rows are decoded to plain Java values: integers as {@code Long}, numeric as {@code BigDecimal}
 * (scale kept; NaN and ±Infinity as {@code Double}), real as {@code Float}, double precision as
 * {@code Double}, text types as {@code String} (char padding kept), date as {@code LocalDate},
 * timestamp as {@code LocalDateTime} (the mapping's zone makes instants of dates and timestamps, so
 * one setting rules both), timestamptz as {@code Instant} (BC and past year 9999 included;
 * ±infinity as the MIN/MAX of each type), uuid as {@code UUID}, bytea as {@code byte[]}, enums as
 * their label, arrays as unmodifiable {@code List}s (nested for more dimensions, null elements
 * kept), domains as their base type, and time, interval, json, jsonb and every other type as
 * PostgreSQL's text form. Each read and each stats call uses its own connection, in a read-only
 * transaction. Credentials never appear in messages or {@link #toString()}.
 */
public final class PostgresSource implements SourceCatalog, RowSource {
  static {
    QuietJooq.apply();
  }

  private final Connections connections;
  private final List<String> schemas;
  private final boolean includeViews;
  private final RetryPolicy retryPolicy;
  private final DSLContext render = DSL.using(SQLDialect.POSTGRES);
  private final Set<KeysetCursor> openCursors = ConcurrentHashMap.newKeySet();

  private PostgresSource(Builder builder) {
    this.connections = builder.connections();
    this.schemas = List.copyOf(builder.schemas);
    this.includeViews = builder.includeViews;
    this.retryPolicy = builder.retryPolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SourceException also when a schema of the source does not exist or holds nothing to
   *     read; the message lists the schemas there are and how many tables each holds
   */
  @Override
  public SourceSchema readSchema() {
    return withConnection(
        "read the catalog",
        c -> new PgCatalog(DSL.using(c, SQLDialect.POSTGRES)).read(schemas, includeViews));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A plain table is read without the rows of the tables that inherit from it ({@code ONLY}); a
   * partitioned table through all its partitions. When the key columns are {@link
   * ContentKey#COLUMNS}, each row gets the content key (its hash over all the table's columns and
   * its occurrence among equal rows), returned under those names where the request's columns place
   * them. A value that cannot be decoded arrives as an {@link UnreadableValue}; in a key column it
   * fails the read with a {@link SourceException}.
   */
  @Override
  public RowCursor read(ReadRequest request) {
    TableName table = request.table();
    PgRelation relation = relation(table);
    boolean contentKeyed = ContentKey.isContentKey(request.keyColumns());
    Map<String, PgColumn> byName =
        relation.columns().stream().collect(Collectors.toMap(PgColumn::name, Function.identity()));
    if (contentKeyed) {
      for (PgColumn key : PgRelation.CONTENT_KEY) {
        if (byName.putIfAbsent(key.name(), key) != null) {
          throw new SourceException(
              table
                  + " has a column named "
                  + key.name()
                  + ", so it cannot be read by its"
                  + " content key; give it a primary or unique key, or rename that column",
              table,
              null,
              null);
        }
      }
    }
    List<String> unknown = request.columns().stream().filter(c -> !byName.containsKey(c)).toList();
    if (!unknown.isEmpty()) {
      throw new SourceException(
          table
              + " has no columns "
              + unknown
              + "; its columns are "
              + relation.columns().stream().map(PgColumn::name).toList(),
          table,
          null,
          null);
    }
    List<ColumnDecoder> decoders =
        request.columns().stream().map(c -> new ColumnDecoder(byName.get(c))).toList();
    KeysetCursor cursor =
        new KeysetCursor(
            connections,
            render,
            request,
            contentKeyed ? relation.rowsWithContentKey() : relation.rows(),
            decoders,
            retryPolicy,
            openCursors::remove);
    openCursors.add(cursor);
    return cursor;
  }

  /**
   * The exact row count, and a checksum for detecting that the table changed between two runs: the
   * sum modulo 2^64 of a 64-bit hash of each row's text form over {@code columns} (over all the
   * table's columns when they include the {@link ContentKey} columns). It is not comparable with
   * anything computed from the Datomic side. Like {@link #read}, it covers the rows of a plain
   * table without those of the tables inheriting from it.
   */
  @Override
  public TableStats stats(TableName table, List<String> columns) {
    PgRelation relation = relation(table);
    List<String> covered =
        columns.stream().anyMatch(ContentKey.COLUMNS::contains)
            ? relation.columns().stream().map(PgColumn::name).toList()
            : columns;
    return withConnection(
        "count the rows of " + table,
        c -> {
          ReadSession.begin(c);
          try {
            return TableChecksum.compute(c, relation, covered);
          } finally {
            ReadSession.end(c);
          }
        });
  }

  private PgRelation relation(TableName table) {
    return withConnection(
            "read the columns of " + table,
            c -> new PgCatalog(DSL.using(c, SQLDialect.POSTGRES)).relation(table))
        .orElseThrow(
            () ->
                new SourceException(
                    "there is no table or view "
                        + table
                        + " in "
                        + connections
                        + "; check the name and its schema",
                    table,
                    null,
                    null));
  }

  /** Closes the cursors still open. */
  @Override
  public void close() {
    List.copyOf(openCursors).forEach(KeysetCursor::close);
  }

  @Override
  public String toString() {
    return "PostgresSource{"
        + connections
        + ", schemas="
        + schemas
        + ", includeViews="
        + includeViews
        + ", retry="
        + retryPolicy
        + "}";
  }

  private interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private <T> T withConnection(String what, Work<T> work) {
    try (Connection connection = connections.open()) {
      return work.apply(connection);
    } catch (SQLException | DataAccessException e) {
      throw new SourceException("cannot " + what + " in " + connections + ": " + e.getMessage(), e);
    }
  }

  /** Builds a {@link PostgresSource}; give either a data source or a JDBC URL. */
  public static final class Builder {
    private DataSource dataSource;
    private String url;
    private String user;
    private String password;
    private final Set<String> schemas = new LinkedHashSet<>();
    private boolean includeViews;
    private RetryPolicy retryPolicy = RetryPolicy.none();

    private Builder() {}

    /** Connections come from this data source (a pool, typically), which holds the credentials. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** A {@code jdbc:postgresql:} URL; a password in it is never shown. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The schemas whose tables are read; {@code public} when none is given. */
    public Builder schemas(String... schemas) {
      return schemas(Arrays.asList(schemas));
    }

    public Builder schemas(List<String> schemas) {
      this.schemas.addAll(schemas);
      return this;
    }

    /**
     * Whether views and materialized views are listed as tables (they have no keys); no by default.
     */
    public Builder includeViews(boolean includeViews) {
      this.includeViews = includeViews;
      return this;
    }

    /** What a read does when its connection fails mid-stream; by default it fails at once. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    public PostgresSource build() {
      if (schemas.isEmpty()) {
        schemas.add(TableName.DEFAULT_SCHEMA);
      }
      return new PostgresSource(this);
    }

    private Connections connections() {
      if ((dataSource == null) == (url == null)) {
        throw new IllegalStateException(
            "give a PostgresSource either dataSource(..) or url(..), "
                + (dataSource == null ? "got neither" : "not both"));
      }
      if (dataSource != null && (user != null || password != null)) {
        throw new IllegalStateException(
            "user and password go with url(..); a data source holds its own credentials");
      }
      return dataSource != null ? Connections.of(dataSource) : Connections.of(url, user, password);
    }
  }
}
