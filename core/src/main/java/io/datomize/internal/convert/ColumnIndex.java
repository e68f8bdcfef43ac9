package io.datomize.internal.convert;

import io.datomize.catalog.TableName;
import io.datomize.spi.RowShape;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The columns a converter reads, each at a fixed slot, and their positions in the rows of a shape.
 * The positions are looked up again only when rows of another shape arrive, which in practice is
 * once per read.
 */
final class ColumnIndex {
  private final TableName table;
  private final List<String> columns = new ArrayList<>();
  private volatile Positions positions;

  /**
   * Column positions in one shape: {@code at[slot]}, and the positions of the shape's key columns.
   */
  record Positions(RowShape shape, int[] at, int[] key) {}

  ColumnIndex(TableName table) {
    this.table = table;
  }

  /**
   * The slot of {@code column}; registers it on first use. Only while the converter is being built.
   */
  int slot(String column) {
    int slot = columns.indexOf(column);
    if (slot >= 0) {
      return slot;
    }
    columns.add(column);
    return columns.size() - 1;
  }

  List<String> columns() {
    return List.copyOf(columns);
  }

  Positions positions(RowShape shape) {
    Positions known = positions;
    if (known != null && known.shape() == shape) {
      return known;
    }
    Positions fresh = new Positions(shape, find(shape, columns), find(shape, shape.keyColumns()));
    positions = fresh;
    return fresh;
  }

  private int[] find(RowShape shape, List<String> names) {
    int[] at = new int[names.size()];
    for (int i = 0; i < at.length; i++) {
      try {
        at[i] = shape.indexOf(names.get(i));
      } catch (NoSuchElementException e) {
        throw new IllegalArgumentException(
            "rows of "
                + table
                + " lack column "
                + names.get(i)
                + " that the conversion needs; read the columns "
                + columns,
            e);
      }
    }
    return at;
  }
}
