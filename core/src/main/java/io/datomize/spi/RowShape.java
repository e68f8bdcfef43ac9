package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The columns of the rows a read returns, and which of them form the row key. One shape is shared
 * by every row of a read, so a row is only an array of values.
 */
public final class RowShape {
  private final TableName table;
  private final List<String> columns;
  private final List<String> keyColumns;
  private final Map<String, Integer> indexByColumn;
  private final int[] keyIndexes;

  private RowShape(TableName table, List<String> columns, List<String> keyColumns) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.keyColumns = List.copyOf(keyColumns);
    this.indexByColumn = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      if (indexByColumn.put(this.columns.get(i), i) != null) {
        throw new IllegalArgumentException(
            table + ": column " + this.columns.get(i) + " is read twice");
      }
    }
    this.keyIndexes = keyColumns.stream().mapToInt(this::indexOf).toArray();
  }

  /** A shape of {@code columns}; every key column must be one of them. */
  public static RowShape of(TableName table, List<String> columns, List<String> keyColumns) {
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException(
          table + ": rows are read in key order, so a read needs key columns");
    }
    return new RowShape(table, columns, keyColumns);
  }

  public TableName table() {
    return table;
  }

  public List<String> columns() {
    return columns;
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  public int indexOf(String column) {
    Integer index = indexByColumn.get(column);
    if (index == null) {
      throw new NoSuchElementException(
          table + ": column " + column + " is not read; read columns are " + columns);
    }
    return index;
  }

  int[] keyIndexes() {
    return keyIndexes;
  }

  @Override
  public String toString() {
    return table + columns.toString();
  }
}
