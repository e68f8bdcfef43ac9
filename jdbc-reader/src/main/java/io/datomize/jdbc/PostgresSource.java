package io.datomize.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.jdbc.internal.Candidates;
import io.datomize.jdbc.internal.ColumnDecoder;
import io.datomize.jdbc.internal.Connections;
import io.datomize.jdbc.internal.EmptyCursor;
import io.datomize.jdbc.internal.FetchSizes;
import io.datomize.jdbc.internal.KeysetCursor;
import io.datomize.jdbc.internal.LogicalReplication;
import io.datomize.jdbc.internal.PgCatalog;
import io.datomize.jdbc.internal.PgColumn;
import io.datomize.jdbc.internal.PgRelation;
import io.datomize.jdbc.internal.QuietJooq;
import io.datomize.jdbc.internal.ReadSession;
import io.datomize.jdbc.internal.TableChecksum;
import io.datomize.spi.ChangeSource;
import io.datomize.spi.ChangeStream;
import io.datomize.spi.ContentKey;
import io.datomize.spi.FollowRequest;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceCatalog;
import io.datomize.spi.SourceException;
import io.datomize.spi.TableStats;
import io.datomize.spi.UnreadableValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A PostgreSQL database as a Datomize source: its catalog ({@link #readSchema()}) and its rows
 * ({@link #read}, {@link #lookup}, {@link #highWatermark}, {@link #stats}).
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
public final class PostgresSource implements SourceCatalog, RowSource, ChangeSource {
  static {
    QuietJooq.apply();
  }

  private static final Set<TypeFamily> WATERMARK_FAMILIES =
      EnumSet.of(
          TypeFamily.INTEGER,
          TypeFamily.NUMERIC,
          TypeFamily.DATE,
          TypeFamily.TIMESTAMP,
          TypeFamily.TIMESTAMPTZ);

  private final Connections connections;
  private final List<String> schemas;
  private final boolean includeViews;
  private final RetryPolicy retryPolicy;
  private final DSLContext render = DSL.using(SQLDialect.POSTGRES);
  private final Set<KeysetCursor> openCursors = ConcurrentHashMap.newKeySet();
  private final FetchSizes fetchSizes = new FetchSizes();

  private PostgresSource(
      Connections connections, List<String> schemas, boolean includeViews, RetryPolicy retry) {
    this.connections = connections;
    this.schemas = List.copyOf(schemas);
    this.includeViews = includeViews;
    this.retryPolicy = retry;
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
   *
   * <p>A read {@link ReadRequest#changedSince() changed since} a watermark also reads the rows
   * whose watermark column is null, since nothing says when they changed. Content keys are computed
   * over the whole table before that filter, so each row keeps the key a full read gives it.
   */
  @Override
  public RowCursor read(ReadRequest request) {
    Columns columns = columns(request.table(), request.columns(), request.keyColumns());
    Condition changed =
        request
            .changedSince()
            .map(
                since -> {
                  Field<Object> column = field(name(since.column()));
                  // a row whose watermark column is null may have changed any time: read it too
                  return column
                      .ge(columns.ownDecoder(since.column()).literal(since.value().get(0)))
                      .or(column.isNull());
                })
            .orElse(noCondition());
    return cursor(request, columns, changed);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The candidates are sent as one array per match column and joined with the table, so a match
   * column's index serves the lookup; rows come in key order. Candidates of types the columns'
   * values cannot equal are left out; a candidate of another Java type fails with an {@link
   * IllegalArgumentException}. When the key columns are {@link ContentKey#COLUMNS}, the content
   * keys are computed over the whole table as {@link #read} computes them, then filtered: each
   * lookup of such a table scans it.
   */
  @Override
  public RowCursor lookup(LookupRequest request) {
    ReadRequest read =
        ReadRequest.builder()
            .table(request.table())
            .columns(request.columns())
            .keyColumns(request.keyColumns())
            .build();
    if (request.candidates().isEmpty()) {
      return EmptyCursor.of(read);
    }
    Columns columns = columns(request.table(), request.columns(), request.keyColumns());
    List<ColumnDecoder> matched = request.matchColumns().stream().map(columns::decoder).toList();
    return Candidates.condition(
            request.table(),
            matched,
            request.candidates(),
            request.zone(),
            c -> enumLabels(request.table(), c))
        .map(condition -> cursor(read, columns, condition))
        .orElseGet(() -> EmptyCursor.of(read));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The value has the Java type {@link #read} gives the column's values ({@code Long} for every
   * integer type), so a {@link io.datomize.spi.ChangedSince} of it reads back what it should.
   *
   * @throws IllegalArgumentException when the column is not of an integer, numeric, date or
   *     timestamp type, or its greatest value is numeric NaN
   */
  @Override
  public Optional<RowKey> highWatermark(TableName table, String column) {
    Columns columns = columns(table, List.of(column), List.of());
    ColumnDecoder decoder = columns.ownDecoder(column);
    ColumnType type = decoder.column().type();
    if (type.isArray() || !WATERMARK_FAMILIES.contains(type.family())) {
      throw new IllegalArgumentException(
          "column "
              + column
              + " of "
              + table
              + " is of type "
              + type
              + "; a watermark column must be an integer, numeric, date or timestamp column");
    }
    Select<?> query =
        render
            .select(decoder.selected())
            .from(
                render
                    .select(max(field(name(column))).as(column))
                    .from(columns.relation().rows())
                    .asTable("datomize:max"));
    Object max =
        withConnection(
            "read the greatest " + column + " of " + table,
            c -> {
              ReadSession.begin(c, connections.snapshot());
              // the decoder's own expression over the maximum, so it is read as rows are
              try (PreparedStatement statement = c.prepareStatement(query.getSQL());
                  ResultSet results = statement.executeQuery()) {
                results.next();
                return decoder.read(results, 1);
              } finally {
                ReadSession.end(c);
              }
            });
    if (max instanceof UnreadableValue || max instanceof Double) {
      throw new IllegalArgumentException(
          "the greatest value of column "
              + column
              + " of "
              + table
              + " is "
              + (max instanceof UnreadableValue u ? "'" + u.text() + "': " + u.reason() : max)
              + ", which cannot be a watermark");
    }
    return Optional.ofNullable(max).map(RowKey::of);
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
          ReadSession.begin(c, connections.snapshot());
          try {
            return TableChecksum.compute(c, relation, covered);
          } finally {
            ReadSession.end(c);
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Follows through logical replication ({@code pgoutput}, protocol 1) over a replication
   * connection to the same database, which needs {@link Builder#url} or a pgjdbc data source such
   * as {@code PGSimpleDataSource}. The snapshot of a slot created now is read as {@link #read}
   * reads, each read transaction importing the slot's exported snapshot; changes are decoded into
   * the same values. The user needs the REPLICATION attribute (or to be superuser) and the right to
   * create the publication.
   */
  @Override
  public ChangeStream open(FollowRequest request) {
    return LogicalReplication.open(
        connections,
        request,
        snapshot ->
            new PostgresSource(
                connections.withSnapshot(snapshot), schemas, includeViews, retryPolicy));
  }

  private RowCursor cursor(ReadRequest request, Columns columns, Condition filter) {
    List<ColumnDecoder> decoders = request.columns().stream().map(columns::decoder).toList();
    KeysetCursor cursor =
        new KeysetCursor(
            connections,
            render,
            request,
            columns.contentKeyed()
                ? columns.relation().rowsWithContentKey()
                : columns.relation().rows(),
            filter,
            decoders,
            retryPolicy,
            fetchSizes,
            openCursors::remove);
    openCursors.add(cursor);
    return cursor;
  }

  /**
   * The columns of a table that a read or lookup may name: its own, and the content key's when the
   * key columns are those.
   */
  private Columns columns(TableName table, List<String> named, List<String> keyColumns) {
    PgRelation relation = relation(table);
    boolean contentKeyed = ContentKey.isContentKey(keyColumns);
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
    List<String> unknown = named.stream().filter(c -> !byName.containsKey(c)).toList();
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
    return new Columns(relation, contentKeyed, byName);
  }

  private record Columns(PgRelation relation, boolean contentKeyed, Map<String, PgColumn> byName) {
    ColumnDecoder decoder(String column) {
      return new ColumnDecoder(byName.get(column));
    }

    /** A column of the table itself, not a computed one. */
    ColumnDecoder ownDecoder(String column) {
      if (ContentKey.COLUMNS.contains(column)) {
        throw new IllegalArgumentException(
            relation.table()
                + ": "
                + column
                + " is computed by the reader, not a column to filter");
      }
      return decoder(column);
    }
  }

  private Set<String> enumLabels(TableName table, PgColumn column) {
    return withConnection(
        "read the labels of " + column.typeSchema() + "." + column.typeName() + " for " + table,
        c ->
            Set.copyOf(
                DSL.using(c, SQLDialect.POSTGRES)
                    .select(
                        field(
                            "cast(unnest(enum_range(cast(null as {0}))) as text)",
                            String.class, name(column.typeSchema(), column.typeName())))
                    .fetch(0, String.class)));
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
      return new PostgresSource(connections(), List.copyOf(schemas), includeViews, retryPolicy);
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
