package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.datomize.catalog.TableName;
import io.datomize.spi.ChangeStream;
import io.datomize.spi.ContentKey;
import io.datomize.spi.FollowRequest;
import io.datomize.spi.RowShape;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link ChangeStream} of PostgreSQL's logical replication: checks the prerequisites, reads
 * the followed tables' columns and keys, creates or completes the publication, creates the slot
 * (exporting its snapshot) or reuses it.
 *
 * <p>Row keys: the primary key; for a table without one, the columns of its replica identity index
 * ({@code REPLICA IDENTITY USING INDEX}); under {@code REPLICA IDENTITY FULL} without either, every
 * column, since the whole old row is then what identifies a row.
 */
public final class LogicalReplication {
  private static final Logger LOG = LoggerFactory.getLogger(LogicalReplication.class);
  // slot names PostgreSQL accepts; they are spliced into replication commands unquoted
  private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

  private LogicalReplication() {}

  /**
   * @param snapshotReader a reader of the source whose reads import the named exported snapshot
   */
  public static ChangeStream open(
      Connections connections, FollowRequest request, Function<String, RowSource> snapshotReader) {
    if (!SLOT_NAME.matcher(request.slot()).matches()) {
      throw new IllegalArgumentException(
          "slot name '"
              + request.slot()
              + "' is not allowed: use 1 to 63 lower-case letters, digits and underscores");
    }
    Connection query = null;
    Connection replication = null;
    try {
      query = connections.open();
      DSLContext sql = DSL.using(query, SQLDialect.POSTGRES);
      List<FollowedTable> tables = checkPrerequisites(sql, request, connections);
      ensurePublication(sql, request.publication(), request.tables());
      replication = connections.openReplication();
      ReadSession.applyToSession(replication);
      Record slot =
          sql.fetchOne(
              "select plugin, database = current_database() as here,"
                  + " cast(confirmed_flush_lsn as text) as confirmed"
                  + " from pg_catalog.pg_replication_slots where slot_name = ?",
              request.slot());
      PgChangeStream stream;
      if (slot == null) {
        ReplicationSlotInfo created =
            replication
                .unwrap(PGConnection.class)
                .getReplicationAPI()
                .createReplicationSlot()
                .logical()
                .withSlotName(request.slot())
                .withOutputPlugin("pgoutput")
                .make();
        LOG.info(
            "created replication slot {} at {}; it holds the source's WAL until dropped",
            request.slot(),
            created.getConsistentPoint());
        // the exported snapshot lives while the replication connection stays idle: it streams
        // only once the snapshot's reader is closed
        stream =
            new PgChangeStream(
                request,
                tables,
                query,
                replication,
                created.getConsistentPoint().asLong(),
                snapshotReader.apply(created.getSnapshotName()));
      } else {
        String plugin = slot.get("plugin", String.class);
        if (!"pgoutput".equals(plugin) || !slot.get("here", Boolean.class)) {
          throw new SourceException(
              "replication slot "
                  + request.slot()
                  + " exists but "
                  + (!"pgoutput".equals(plugin)
                      ? "decodes with plugin " + plugin + ", not pgoutput"
                      : "belongs to another database")
                  + "; choose another slot name, or drop that slot if nothing else uses it",
              null);
        }
        long start = LogSequenceNumber.valueOf(slot.get("confirmed", String.class)).asLong();
        stream = new PgChangeStream(request, tables, query, replication, start, null);
      }
      return stream;
    } catch (SQLException | DataAccessException e) {
      closeQuietly(replication);
      closeQuietly(query);
      throw new SourceException(
          "cannot open the change stream of " + connections + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(replication);
      closeQuietly(query);
      throw e;
    }
  }

  /** Every missing prerequisite at once, or the followed tables as they are now. */
  private static List<FollowedTable> checkPrerequisites(
      DSLContext sql, FollowRequest request, Connections connections) {
    List<String> missing = new ArrayList<>();
    String walLevel = sql.fetchSingle("select current_setting('wal_level')").get(0, String.class);
    if (!"logical".equals(walLevel)) {
      missing.add(
          "wal_level is "
              + walLevel
              + ", it must be logical: set wal_level = logical in postgresql.conf (or ALTER SYSTEM"
              + " SET wal_level = logical) and restart the server");
    }
    Boolean mayReplicate =
        sql.fetchSingle(
                "select rolreplication or rolsuper from pg_catalog.pg_roles where rolname = current_user")
            .get(0, Boolean.class);
    if (!Boolean.TRUE.equals(mayReplicate)) {
      String user = sql.fetchSingle("select current_user").get(0, String.class);
      missing.add(
          "user "
              + user
              + " may not replicate: ALTER ROLE "
              + sql.render(name(user))
              + " REPLICATION (or connect as a user that may)");
    }
    PgCatalog catalog = new PgCatalog(sql);
    List<FollowedTable> followed = new ArrayList<>();
    for (TableName table : request.tables()) {
      Record rel =
          sql.fetchOne(
              "select c.oid, c.relreplident from pg_catalog.pg_class c"
                  + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                  + " where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p')",
              table.schema(),
              table.name());
      if (rel == null) {
        missing.add("there is no table " + table + " in " + connections);
        continue;
      }
      long oid = rel.get("oid", Long.class);
      String identity = rel.get("relreplident", String.class);
      List<String> key = indexColumns(sql, oid, "indisprimary");
      if (identity.equals("i")) {
        key = key.isEmpty() ? indexColumns(sql, oid, "indisreplident") : key;
      }
      List<String> needed = new ArrayList<>(request.oldRowColumns().getOrDefault(table, List.of()));
      List<String> oldRow =
          needed.isEmpty() || !identity.equals("i")
              ? key
              : indexColumns(sql, oid, "indisreplident");
      needed.removeAll(oldRow);
      if ((identity.equals("d") || identity.equals("i"))
          && !oldRow.isEmpty()
          && !needed.isEmpty()) {
        missing.add(
            table
                + ": the old row of an update or delete holds only its replica identity "
                + oldRow
                + ", and following needs "
                + needed
                + " in it too: ALTER TABLE "
                + sql.render(table(name(table.schema(), table.name())))
                + " REPLICA IDENTITY FULL");
      }
      List<Record> attributes =
          sql.fetch(
              "select attname, cast(atttypid as bigint) as type from pg_catalog.pg_attribute"
                  + " where attrelid = ? and attnum > 0 and not attisdropped order by attnum",
              oid);
      List<String> columns = attributes.stream().map(r -> r.get("attname", String.class)).toList();
      boolean contentKeyed = identity.equals("f") && key.isEmpty();
      if (contentKeyed) {
        key = columns;
      }
      if (key.isEmpty() || identity.equals("n")) {
        missing.add(
            table
                + " has no replica identity, so its updates and deletes cannot be followed: give it"
                + " a primary key, or ALTER TABLE "
                + sql.render(table(name(table.schema(), table.name())))
                + " REPLICA IDENTITY FULL");
        continue;
      }
      PgRelation relation =
          catalog
              .relation(table)
              .orElseThrow(() -> new IllegalStateException(table + " vanished while opening"));
      followed.add(
          new FollowedTable(
              table,
              oid,
              columns,
              attributes.stream().map(r -> r.get("type", Long.class)).toList(),
              RowShape.of(table, contentKeyed ? withHash(columns) : columns, key),
              relation.columns().stream().map(ColumnDecoder::new).toList(),
              contentKeyed));
    }
    if (!missing.isEmpty()) {
      throw new SourceException(
          "cannot follow the changes of "
              + connections
              + ":\n  - "
              + String.join("\n  - ", missing),
          null);
    }
    return followed;
  }

  private static List<String> withHash(List<String> columns) {
    List<String> all = new ArrayList<>(columns);
    all.add(ContentKey.HASH);
    return all;
  }

  private static List<String> indexColumns(DSLContext sql, long oid, String which) {
    return sql.fetch(
            "select a.attname from pg_catalog.pg_index i"
                + " cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)"
                + " join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum"
                + " where i.indrelid = ? and i."
                + which
                + " order by k.position",
            oid)
        .getValues(0, String.class);
  }

  /** Creates the publication of the tables, or adds to it those it lacks. */
  private static void ensurePublication(
      DSLContext sql, String publication, List<TableName> tables) {
    Record existing =
        sql.fetchOne(
            "select puballtables from pg_catalog.pg_publication where pubname = ?", publication);
    List<org.jooq.Table<?>> missing = new ArrayList<>();
    if (existing == null) {
      tables.forEach(t -> missing.add(table(name(t.schema(), t.name()))));
      boolean viaRoot =
          sql.fetchSingle("select current_setting('server_version_num')::int >= 130000")
              .get(0, Boolean.class);
      // a partitioned table's changes then come as its own, not as its partitions'
      sql.execute(
          "create publication {0} for table {1}"
              + (viaRoot ? " with (publish_via_partition_root = true)" : ""),
          name(publication),
          DSL.list(missing));
      LOG.info("created publication {} of {}", publication, tables);
      return;
    }
    if (existing.get(0, Boolean.class)) {
      return;
    }
    Set<TableName> published = new LinkedHashSet<>();
    sql.fetch(
            "select schemaname, tablename from pg_catalog.pg_publication_tables where pubname = ?",
            publication)
        .forEach(r -> published.add(TableName.of(r.get(0, String.class), r.get(1, String.class))));
    tables.stream()
        .filter(t -> !published.contains(t))
        .forEach(t -> missing.add(table(name(t.schema(), t.name()))));
    if (!missing.isEmpty()) {
      sql.execute("alter publication {0} add table {1}", name(publication), DSL.list(missing));
      LOG.info("added {} to publication {}", missing, publication);
    }
  }

  static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("closing {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }
}
