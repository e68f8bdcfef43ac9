package io.datomize.testing;

import io.datomize.catalog.Column;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.spi.ChangeSource;
import io.datomize.spi.ChangeStream;
import io.datomize.spi.FollowRequest;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowChange;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceCatalog;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import io.datomize.spi.SourceTransaction;
import io.datomize.spi.TableStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link InMemorySource} that records its changes as a log of transactions and streams them as a
 * replication slot would: a test replaces tables' rows and {@link #commit()}s; each row inserted,
 * updated (same key) or deleted since the last commit becomes a {@link RowChange}. Old rows carry
 * the key columns only, or every column for a table set to {@link #replicaIdentityFull}. Slots keep
 * their confirmed position across opens; a new slot exports a snapshot of the tables as they are.
 */
public final class InMemoryChangeSource implements SourceCatalog, RowSource, ChangeSource {
  private final InMemorySource source;
  private final Map<TableName, List<Object[]>> committed = new HashMap<>();
  private final List<RowChange> pending = new ArrayList<>();
  private final List<SourceTransaction> log = new ArrayList<>();
  private final Map<String, Long> slots = new LinkedHashMap<>();
  private final List<Long> confirmed = new ArrayList<>();
  private final Set<TableName> replicaFull = new HashSet<>();
  private long position = 1_000;

  public InMemoryChangeSource(InMemorySource source) {
    this.source = source;
    for (Table table : source.readSchema().tables()) {
      committed.put(table.name(), rows(table.name()));
    }
  }

  /**
   * Old rows of {@code table} carry every column, as PostgreSQL's {@code REPLICA IDENTITY FULL}.
   */
  public synchronized InMemoryChangeSource replicaIdentityFull(TableName table) {
    replicaFull.add(table);
    return this;
  }

  /** Replaces a table's rows; the differences join the transaction that {@link #commit} ends. */
  public synchronized InMemoryChangeSource replaceRows(TableName name, List<Object[]> rows) {
    Table table = table(name);
    List<Object[]> before = committed.get(name);
    source.replaceRows(name, rows);
    List<Object[]> after = rows(name);
    if (table.primaryKey().isEmpty()) {
      List<Object[]> removed = minus(before, after);
      List<Object[]> added = minus(after, before);
      removed.forEach(row -> pending.add(change(RowChange.Kind.DELETE, table, row, null)));
      added.forEach(row -> pending.add(change(RowChange.Kind.INSERT, table, null, row)));
    } else {
      Map<List<Object>, Object[]> old = byKey(table, before);
      Map<List<Object>, Object[]> fresh = byKey(table, after);
      old.forEach(
          (key, row) -> {
            if (!fresh.containsKey(key)) {
              pending.add(change(RowChange.Kind.DELETE, table, row, null));
            }
          });
      fresh.forEach(
          (key, row) -> {
            Object[] was = old.get(key);
            if (was == null) {
              pending.add(change(RowChange.Kind.INSERT, table, null, row));
            } else if (!Arrays.deepEquals(was, row)) {
              pending.add(change(RowChange.Kind.UPDATE, table, was, row));
            }
          });
    }
    committed.put(name, after);
    return this;
  }

  /** Ends the transaction of the changes since the last commit; its position is returned. */
  public synchronized long commit() {
    position += 16;
    if (!pending.isEmpty()) {
      log.add(
          SourceTransaction.builder()
              .commitPosition(position)
              .commitTime(Instant.now())
              .changes(List.copyOf(pending))
              .build());
      pending.clear();
    }
    return position;
  }

  /** Appends a transaction as given, for changes the diff cannot make (key updates, bad rows). */
  public synchronized long commit(List<RowChange> changes) {
    position += 16;
    log.add(
        SourceTransaction.builder()
            .commitPosition(position)
            .commitTime(Instant.now())
            .changes(changes)
            .build());
    return position;
  }

  /** Every position confirmed to any slot, in order. */
  public synchronized List<Long> confirmed() {
    return List.copyOf(confirmed);
  }

  public synchronized Optional<Long> slot(String name) {
    return Optional.ofNullable(slots.get(name));
  }

  /** A row of {@code table} as a change carries it: every column, the primary key as key. */
  public SourceRow row(TableName name, Object... values) {
    Table table = table(name);
    return SourceRow.of(
        RowShape.of(name, table.columns().stream().map(Column::name).toList(), table.primaryKey()),
        values.clone());
  }

  @Override
  public synchronized ChangeStream open(FollowRequest request) {
    Optional<RowSource> snapshot = Optional.empty();
    if (!slots.containsKey(request.slot())) {
      slots.put(request.slot(), position);
      InMemorySource copy = new InMemorySource();
      for (Table table : source.readSchema().tables()) {
        copy.table(table, committed.get(table.name()));
      }
      snapshot = Optional.of(copy);
    }
    long slotStart = slots.get(request.slot());
    long from = Math.max(slotStart, request.startAfter().orElse(slotStart));
    return new Stream(request, snapshot, slotStart, from);
  }

  private final class Stream implements ChangeStream {
    private final FollowRequest request;
    private final Optional<RowSource> snapshot;
    private final long slotStart;
    private long after;

    Stream(FollowRequest request, Optional<RowSource> snapshot, long slotStart, long after) {
      this.request = request;
      this.snapshot = snapshot;
      this.slotStart = slotStart;
      this.after = after;
    }

    @Override
    public Optional<RowSource> snapshot() {
      return snapshot;
    }

    @Override
    public long slotStart() {
      return slotStart;
    }

    @Override
    public Optional<SourceTransaction> next(Duration wait) {
      synchronized (InMemoryChangeSource.this) {
        for (SourceTransaction tx : log) {
          if (tx.commitPosition() > after) {
            // every table's changes, unlike a publication: the follower must skip the unmapped
            after = tx.commitPosition();
            return Optional.of(tx);
          }
        }
        return Optional.empty();
      }
    }

    @Override
    public void confirm(long position) {
      synchronized (InMemoryChangeSource.this) {
        if (!slots.containsKey(request.slot())) {
          throw new SourceException("slot " + request.slot() + " was dropped", null);
        }
        slots.put(request.slot(), position);
        confirmed.add(position);
      }
    }

    @Override
    public long currentPosition() {
      synchronized (InMemoryChangeSource.this) {
        return position;
      }
    }

    @Override
    public void dropSlot() {
      synchronized (InMemoryChangeSource.this) {
        slots.remove(request.slot());
      }
    }

    @Override
    public void close() {
      // nothing held
    }
  }

  private RowChange change(RowChange.Kind kind, Table table, Object[] old, Object[] fresh) {
    RowChange.Builder change = RowChange.builder().kind(kind).table(table.name());
    List<String> columns = table.columns().stream().map(Column::name).toList();
    RowShape shape = RowShape.of(table.name(), columns, table.primaryKey());
    if (fresh != null) {
      change.newRow(SourceRow.of(shape, fresh.clone()));
    }
    if (old != null && (kind == RowChange.Kind.DELETE || replicaFull.contains(table.name()))) {
      Object[] values = old.clone();
      if (!replicaFull.contains(table.name())) {
        for (int i = 0; i < columns.size(); i++) {
          if (!table.primaryKey().contains(columns.get(i))) {
            values[i] = null;
          }
        }
      }
      change.oldRow(SourceRow.of(shape, values));
    }
    return change.build();
  }

  private static List<Object[]> minus(List<Object[]> rows, List<Object[]> others) {
    List<Object[]> rest = new ArrayList<>(rows);
    for (Object[] other : others) {
      for (int i = 0; i < rest.size(); i++) {
        if (Arrays.deepEquals(rest.get(i), other)) {
          rest.remove(i);
          break;
        }
      }
    }
    return rest;
  }

  private static Map<List<Object>, Object[]> byKey(Table table, List<Object[]> rows) {
    List<String> columns = table.columns().stream().map(Column::name).toList();
    int[] key = table.primaryKey().stream().mapToInt(columns::indexOf).toArray();
    Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();
    for (Object[] row : rows) {
      List<Object> values = new ArrayList<>();
      for (int index : key) {
        values.add(row[index]);
      }
      byKey.put(values, row);
    }
    return byKey;
  }

  private Table table(TableName name) {
    return source.readSchema().table(name);
  }

  private List<Object[]> rows(TableName name) {
    Table table = table(name);
    List<Object[]> rows = new ArrayList<>();
    List<String> columns = table.columns().stream().map(Column::name).toList();
    try (RowCursor cursor =
        source.read(
            ReadRequest.builder()
                .table(name)
                .columns(columns)
                .keyColumns(table.primaryKey().isEmpty() ? columns : table.primaryKey())
                .build())) {
      while (cursor.hasNext()) {
        SourceRow row = cursor.next();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = row.get(i);
        }
        rows.add(values);
      }
    }
    return rows;
  }

  @Override
  public SourceSchema readSchema() {
    return source.readSchema();
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
    source.close();
  }
}
