package io.datomize.testing;

import io.datomize.catalog.Column;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.spi.LookupRequest;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceCatalog;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TableStats;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A source database in memory, for tests of the engine without PostgreSQL: tables of the catalog
 * with rows of plain Java values (as a reader decodes them), read in the natural order of their key
 * values. It passes {@link io.datomize.spi.RowSourceContract}.
 */
public final class InMemorySource implements SourceCatalog, RowSource {
  private final Map<TableName, Table> tables = new LinkedHashMap<>();
  private final Map<TableName, List<Object[]>> rows = new LinkedHashMap<>();
  private int openCursors;

  /**
   * Adds a table and its rows, each row's values in the order of the table's columns (null for SQL
   * NULL).
   *
   * @return this source
   */
  public synchronized InMemorySource table(Table table, List<Object[]> tableRows) {
    for (Object[] row : tableRows) {
      if (row.length != table.columns().size()) {
        throw new IllegalArgumentException(
            table.name() + ": a row of " + row.length + " values for columns " + table.columns());
      }
    }
    tables.put(table.name(), table);
    rows.put(table.name(), new ArrayList<>(tableRows.stream().map(Object[]::clone).toList()));
    return this;
  }

  /** Cursors opened and not closed yet. */
  public synchronized int openCursors() {
    return openCursors;
  }

  @Override
  public synchronized SourceSchema readSchema() {
    return SourceSchema.builder().addAllTables(tables.values()).build();
  }

  @Override
  public synchronized RowCursor read(ReadRequest request) {
    Table table = table(request.table());
    int[] indexes = request.columns().stream().mapToInt(c -> columnIndex(table, c)).toArray();
    RowShape shape = RowShape.of(table.name(), request.columns(), request.keyColumns());
    Comparator<RowKey> order = InMemorySource::compare;
    List<SourceRow> selected = new ArrayList<>();
    for (Object[] row : rowsOf(table.name())) {
      Object[] values = new Object[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        values[i] = row[indexes[i]];
      }
      SourceRow read = SourceRow.of(shape, values);
      boolean changed =
          request
              .changedSince()
              .map(
                  since ->
                      read.get(since.column()) == null
                          || compare(read.get(since.column()), since.value().get(0)) >= 0)
              .orElse(true);
      if (changed
          && (request.after().isEmpty() || order.compare(read.key(), request.after().get()) > 0)) {
        selected.add(read);
      }
    }
    selected.sort(Comparator.comparing(SourceRow::key, order));
    openCursors++;
    return new Cursor(shape, selected.iterator());
  }

  /**
   * The rows whose match columns equal a candidate once both are in the target's form (integers as
   * {@code Long}, dates and timestamps as {@code Instant} at UTC).
   */
  @Override
  public synchronized RowCursor lookup(LookupRequest request) {
    Table table = table(request.table());
    int[] indexes = request.columns().stream().mapToInt(c -> columnIndex(table, c)).toArray();
    int[] match = request.matchColumns().stream().mapToInt(c -> columnIndex(table, c)).toArray();
    RowShape shape = RowShape.of(table.name(), request.columns(), request.keyColumns());
    java.util.Set<List<Object>> candidates = new java.util.HashSet<>();
    request.candidates().forEach(c -> candidates.add(c.values()));
    List<SourceRow> selected = new ArrayList<>();
    for (Object[] row : rowsOf(table.name())) {
      List<Object> matched = new ArrayList<>();
      for (int index : match) {
        matched.add(targetForm(row[index]));
      }
      if (candidates.contains(matched)) {
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
          values[i] = row[indexes[i]];
        }
        selected.add(SourceRow.of(shape, values));
      }
    }
    openCursors++;
    return new Cursor(shape, selected.iterator());
  }

  @Override
  public synchronized Optional<RowKey> highWatermark(TableName name, String column) {
    int index = columnIndex(table(name), column);
    Object max = null;
    for (Object[] row : rowsOf(name)) {
      if (row[index] != null && (max == null || compare(row[index], max) > 0)) {
        max = row[index];
      }
    }
    return Optional.ofNullable(max).map(RowKey::of);
  }

  private static Object targetForm(Object value) {
    if (value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDateTime time) {
      return time.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    return value;
  }

  /**
   * The row count, and as checksum the sum of a hash of each row's values over {@code columns}:
   * equal for the same rows in any order.
   */
  @Override
  public synchronized TableStats stats(TableName name, List<String> columns) {
    Table table = table(name);
    int[] indexes = columns.stream().mapToInt(c -> columnIndex(table, c)).toArray();
    long checksum = 0;
    for (Object[] row : rowsOf(name)) {
      Object[] values = new Object[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        values[i] = row[indexes[i]];
      }
      checksum += mix(Arrays.deepHashCode(values));
    }
    return TableStats.of(name, rowsOf(name).size(), checksum);
  }

  /** Replaces the rows of a table, to change the source between runs. */
  public synchronized InMemorySource replaceRows(TableName name, List<Object[]> tableRows) {
    return table(table(name), tableRows);
  }

  @Override
  public void close() {
    // nothing to free
  }

  private Table table(TableName name) {
    Table table = tables.get(name);
    if (table == null) {
      throw new SourceException(
          "there is no table " + name + " in the in-memory source; tables are " + tables.keySet(),
          null);
    }
    return table;
  }

  private List<Object[]> rowsOf(TableName table) {
    List<Object[]> tableRows = rows.get(table);
    if (tableRows == null) {
      throw new SourceException("there is no table " + table + " in the in-memory source", null);
    }
    return tableRows;
  }

  private static int columnIndex(Table table, String column) {
    List<String> names = table.columns().stream().map(Column::name).toList();
    int index = names.indexOf(column);
    if (index < 0) {
      throw new SourceException(
          table.name() + " has no column " + column + "; its columns are " + names, null);
    }
    return index;
  }

  private static int compare(RowKey a, RowKey b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  // spreads the 32 bits of a hash code over 64, so that sums of few rows rarely collide
  private static long mix(int hash) {
    long z = hash * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }

  private final class Cursor implements RowCursor {
    private final RowShape shape;
    private final Iterator<SourceRow> rows;
    private boolean closed;

    Cursor(RowShape shape, Iterator<SourceRow> rows) {
      this.shape = shape;
      this.rows = rows;
    }

    @Override
    public RowShape shape() {
      return shape;
    }

    @Override
    public boolean hasNext() {
      return !closed && rows.hasNext();
    }

    @Override
    public SourceRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException(shape.table() + ": no more rows");
      }
      return rows.next();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        synchronized (InMemorySource.this) {
          openCursors--;
        }
      }
    }
  }
}
