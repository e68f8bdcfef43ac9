package io.datomize.jdbc.internal;

import io.datomize.catalog.TableName;
import io.datomize.spi.ChangeStream;
import io.datomize.spi.FollowRequest;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowChange;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceTransaction;
import io.datomize.spi.TableStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slot's stream of pgoutput (protocol 1) messages, assembled into whole transactions of changes
 * to the followed tables. Message formats: PostgreSQL's "Logical Replication Message Formats".
 *
 * <p>A transaction's position is the end of its commit record, which PostgreSQL's own subscribers
 * report as flushed: a slot confirmed there sends the transactions committed after it, not it.
 *
 * <p>Only {@link #confirm} moves the slot's flushed position: the stream is opened without pgjdbc's
 * automatic flush, which would report the server's sent position as flushed on a keepalive once
 * every message received was confirmed, and so let a restarted stream begin past transactions a
 * target had not committed (a follower killed between receiving and applying them lost them).
 */
final class PgChangeStream implements ChangeStream {
  private static final Logger LOG = LoggerFactory.getLogger(PgChangeStream.class);
  private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
  private static final long POLL_MILLIS = 10;

  private final FollowRequest request;
  private final Map<Long, FollowedTable> tables = new HashMap<>();
  private final Connection query;
  private final Connection replication;
  private final long slotStart;
  private final long startAfter;
  private final SnapshotReader snapshot;
  private PGReplicationStream stream;
  private boolean broken;

  // the transaction being assembled
  private List<RowChange> changes;
  // the end of the last transaction given out, of the last confirmed, and of the last one skipped
  // since then (it holds nothing for the target, so confirming what came before confirms it)
  private long delivered;
  private long confirmed;
  private long skippedSince;

  PgChangeStream(
      FollowRequest request,
      List<FollowedTable> followed,
      Connection query,
      Connection replication,
      long slotStart,
      RowSource snapshotSource) {
    this.request = request;
    followed.forEach(t -> tables.put(t.oid(), t));
    this.query = query;
    this.replication = replication;
    this.slotStart = slotStart;
    this.startAfter = request.startAfter().orElse(slotStart);
    this.snapshot = snapshotSource == null ? null : new SnapshotReader(snapshotSource);
    if (snapshot == null) {
      start();
    }
  }

  @Override
  public Optional<RowSource> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  @Override
  public long slotStart() {
    return slotStart;
  }

  @Override
  public Optional<SourceTransaction> next(Duration wait) {
    if (stream == null) {
      if (!snapshot.closed) {
        throw new IllegalStateException(
            "read the snapshot to the end and close it before taking changes: the slot's snapshot"
                + " lives only until the stream starts");
      }
      start();
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<SourceTransaction> next = readAvailable();
      long left = deadline - System.nanoTime();
      if (next.isPresent() || left <= 0) {
        return next;
      }
      try {
        // pgjdbc's read() blocks without a limit; readPending() does not block at all
        TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /** The next whole transaction among the messages received, if they complete one. */
  private synchronized Optional<SourceTransaction> readAvailable() {
    if (broken) {
      throw new SourceException(
          "the change stream of slot " + request.slot() + " failed before; open it again", null);
    }
    try {
      ByteBuffer message;
      while ((message = stream.readPending()) != null) {
        Optional<SourceTransaction> done = handle(message);
        if (done.isPresent()) {
          return done;
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      broken = true;
      throw new SourceException(
          "the replication connection of slot "
              + request.slot()
              + " broke: "
              + e.getMessage()
              + "; open the stream again to continue after the last confirmed transaction",
          e);
    } catch (SourceException e) {
      broken = true;
      throw e;
    }
  }

  private Optional<SourceTransaction> handle(ByteBuffer message) {
    char type = (char) message.get();
    switch (type) {
      case 'B' -> changes = new ArrayList<>();
      case 'C' -> {
        message.get(); // flags
        message.getLong(); // the commit record's start
        long end = message.getLong();
        Instant time = POSTGRES_EPOCH.plus(message.getLong(), ChronoUnit.MICROS);
        List<RowChange> done = changes;
        changes = null;
        return commit(end, time, done);
      }
      case 'R' -> relation(message);
      case 'I' -> change(message, RowChange.Kind.INSERT);
      case 'U' -> change(message, RowChange.Kind.UPDATE);
      case 'D' -> change(message, RowChange.Kind.DELETE);
      case 'T' -> truncate(message);
      // origins and types: rows are decoded by the catalog's types of the followed tables
      case 'O', 'Y', 'M' -> {}
      default ->
          throw new SourceException(
              "slot " + request.slot() + " sent an unknown pgoutput message '" + type + "'", null);
    }
    return Optional.empty();
  }

  private Optional<SourceTransaction> commit(long end, Instant time, List<RowChange> done) {
    if (done == null || done.isEmpty() || Long.compareUnsigned(end, startAfter) <= 0) {
      if (Long.compareUnsigned(delivered, confirmed) <= 0) {
        flush(end);
      } else {
        skippedSince = end;
      }
      return Optional.empty();
    }
    delivered = end;
    skippedSince = 0;
    return Optional.of(
        SourceTransaction.builder().commitPosition(end).commitTime(time).changes(done).build());
  }

  private void relation(ByteBuffer message) {
    FollowedTable table = tables.get(Integer.toUnsignedLong(message.getInt()));
    if (table == null) {
      return;
    }
    String schema = string(message);
    String name = string(message);
    message.get(); // replica identity
    int count = message.getShort();
    List<String> columns = new ArrayList<>(count);
    List<Long> types = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      message.get(); // flags: part of the key
      columns.add(string(message));
      types.add(Integer.toUnsignedLong(message.getInt()));
      message.getInt(); // type modifier
    }
    if (!columns.equals(table.columns()) || !types.equals(table.typeOids())) {
      throw new SourceException(
          "the columns of "
              + table.table()
              + (TableName.of(schema, name).equals(table.table())
                  ? ""
                  : " (now " + TableName.of(schema, name) + ")")
              + " changed while following: they were "
              + table.columns()
              + ", they are "
              + columns
              + (columns.equals(table.columns()) ? " with other types" : "")
              + ". Stop following, adjust the mapping to the new columns, sync the target,"
              + " then follow again",
          table.table(),
          null,
          null);
    }
  }

  private void change(ByteBuffer message, RowChange.Kind kind) {
    FollowedTable table = tables.get(Integer.toUnsignedLong(message.getInt()));
    if (table == null) {
      return;
    }
    RowChange.Builder change = RowChange.builder().kind(kind).table(table.table());
    char part = (char) message.get();
    String[] oldTexts = null;
    if (part == 'K' || part == 'O') {
      oldTexts = new String[table.columns().size()];
      change.oldRow(table.row(tuple(message, table, null, oldTexts, null)));
      // a delete ends with its old row
      part = message.hasRemaining() ? (char) message.get() : ' ';
    }
    if (part == 'N') {
      Set<String> unchanged = new LinkedHashSet<>();
      change.newRow(
          table.row(
              tuple(message, table, unchanged, new String[table.columns().size()], oldTexts)));
      change.unchangedColumns(unchanged);
    }
    changes.add(change.build());
  }

  /**
   * The values of a tuple; a value left unchanged and not sent is null, its column noted. The
   * values' texts go to {@code texts}; a content-keyed table's row gets the hash of them last, a
   * value left unchanged taking its text from {@code oldTexts} (a full identity's old row).
   */
  private Object[] tuple(
      ByteBuffer message,
      FollowedTable table,
      Set<String> unchanged,
      String[] texts,
      String[] oldTexts) {
    int count = message.getShort();
    Object[] values = new Object[table.shape().columns().size()];
    BaseConnection connection = baseConnection();
    for (int i = 0; i < count; i++) {
      char kind = (char) message.get();
      if (kind == 't') {
        byte[] bytes = new byte[message.getInt()];
        message.get(bytes);
        texts[i] = new String(bytes, StandardCharsets.UTF_8);
        values[i] = table.decoders().get(i).readText(texts[i], connection);
      } else if (kind == 'u') {
        if (unchanged != null) {
          unchanged.add(table.columns().get(i));
        }
        texts[i] = oldTexts == null ? null : oldTexts[i];
      }
    }
    if (table.contentKeyed()) {
      values[count] = RecordText.md5(texts);
    }
    return values;
  }

  private void truncate(ByteBuffer message) {
    int count = message.getInt();
    message.get(); // options
    List<TableName> truncated = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FollowedTable table = tables.get(Integer.toUnsignedLong(message.getInt()));
      if (table != null) {
        truncated.add(table.table());
      }
    }
    if (!truncated.isEmpty()) {
      throw new SourceException(
          truncated.stream().map(TableName::toString).collect(Collectors.joining(", "))
              + " truncated in the source while following; a truncate is not followed. Stop"
              + " following, sync the target (or load it again), then follow again",
          truncated.get(0),
          null,
          null);
    }
  }

  private static String string(ByteBuffer message) {
    int start = message.position();
    int end = start;
    while (message.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    message.get(bytes);
    message.get(); // the terminating zero
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void confirm(long position) {
    long through = position;
    if (Long.compareUnsigned(position, delivered) >= 0
        && Long.compareUnsigned(skippedSince, position) > 0) {
      through = skippedSince;
    }
    flush(through);
  }

  private void flush(long position) {
    if (stream == null) {
      return;
    }
    LogSequenceNumber lsn = LogSequenceNumber.valueOf(position);
    stream.setFlushedLSN(lsn);
    stream.setAppliedLSN(lsn);
    try {
      stream.forceUpdateStatus();
    } catch (SQLException e) {
      broken = true;
      throw new SourceException(
          "cannot confirm " + lsn + " to slot " + request.slot() + ": " + e.getMessage(), e);
    }
    confirmed = position;
  }

  @Override
  public long currentPosition() {
    try (Statement statement = query.createStatement();
        var results = statement.executeQuery("select cast(pg_current_wal_lsn() as text)")) {
      results.next();
      return LogSequenceNumber.valueOf(results.getString(1)).asLong();
    } catch (SQLException e) {
      throw new SourceException("cannot read the source's WAL position: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void dropSlot() {
    try {
      if (stream != null) {
        // ends the streaming: the walsender releases the slot, and the connection takes commands
        stream.close();
      }
      if (broken || replication.isClosed()) {
        DSL.using(query, SQLDialect.POSTGRES)
            .execute(
                "select pg_drop_replication_slot(slot_name) from pg_catalog.pg_replication_slots"
                    + " where slot_name = ?",
                request.slot());
      } else {
        try (Statement statement = replication.createStatement()) {
          // the slot name is checked to be plain when the stream opens
          statement.execute("DROP_REPLICATION_SLOT " + request.slot());
        }
      }
      DSL.using(query, SQLDialect.POSTGRES)
          .execute("drop publication if exists {0}", DSL.name(request.publication()));
      LOG.info(
          "dropped replication slot {} and publication {}", request.slot(), request.publication());
    } catch (SQLException | RuntimeException e) {
      throw new SourceException(
          "cannot drop slot "
              + request.slot()
              + " or publication "
              + request.publication()
              + ": "
              + e.getMessage(),
          e);
    } finally {
      closeReplication();
    }
  }

  @Override
  public void close() {
    if (snapshot != null) {
      snapshot.close();
    }
    closeReplication();
    LogicalReplication.closeQuietly(query);
  }

  private synchronized void closeReplication() {
    LogicalReplication.closeQuietly(stream);
    LogicalReplication.closeQuietly(replication);
  }

  private synchronized void start() {
    try {
      stream =
          replication
              .unwrap(PGConnection.class)
              .getReplicationAPI()
              .replicationStream()
              .logical()
              .withSlotName(request.slot())
              .withStartPosition(LogSequenceNumber.valueOf(startAfter))
              .withSlotOption("proto_version", "1")
              .withSlotOption(
                  "publication_names",
                  DSL.using(SQLDialect.POSTGRES).render(DSL.name(request.publication())))
              .withStatusInterval(10, TimeUnit.SECONDS)
              // pgjdbc would otherwise report the server's position as flushed on a keepalive once
              // all it received was confirmed: a position the target may not hold yet
              .withAutomaticFlush(false)
              .start();
    } catch (SQLException e) {
      broken = true;
      throw new SourceException(
          "cannot stream from slot " + request.slot() + ": " + e.getMessage(), e);
    }
  }

  private BaseConnection baseConnection() {
    try {
      return query.unwrap(BaseConnection.class);
    } catch (SQLException e) {
      throw new IllegalStateException("not a pgjdbc connection: " + query.getClass(), e);
    }
  }

  /** The snapshot's reader, which says when it is closed so that streaming may start. */
  private static final class SnapshotReader implements RowSource {
    private final RowSource source;
    private volatile boolean closed;

    SnapshotReader(RowSource source) {
      this.source = source;
    }

    @Override
    public RowCursor read(ReadRequest request) {
      return source.read(request);
    }

    @Override
    public RowCursor lookup(LookupRequest request) {
      return source.lookup(request);
    }

    @Override
    public Optional<RowKey> highWatermark(TableName table, String column) {
      return source.highWatermark(table, column);
    }

    @Override
    public TableStats stats(TableName table, List<String> columns) {
      return source.stats(table, columns);
    }

    @Override
    public void close() {
      closed = true;
      source.close();
    }
  }
}
