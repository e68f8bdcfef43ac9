package io.datomize.internal.convert;

import io.datomize.spi.SourceRow;
import io.datomize.target.Tuple;

/**
 * Reads the value a set of key columns gives a lookup ref (or an identity): the coerced value of
 * one column, or a {@link Tuple} of several.
 */
final class KeyReader {
  private final int[] slots;
  private final Coercion[] coercions;
  private final String described;

  KeyReader(String[] columns, int[] slots, Coercion[] coercions) {
    this.slots = slots;
    this.coercions = coercions;
    this.described = columns.length == 1 ? columns[0] : "(" + String.join(", ", columns) + ")";
  }

  /** The columns, as a row error names them. */
  String described() {
    return described;
  }

  /** Whether any of the columns is null. */
  boolean anyNull(SourceRow row, int[] at) {
    for (int slot : slots) {
      if (row.get(at[slot]) == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lookup value, or null when every column is null.
   *
   * @throws RowFailure when some but not all columns are null, or a value cannot be coerced
   */
  Object read(SourceRow row, int[] at) {
    if (slots.length == 1) {
      Object value = row.get(at[slots[0]]);
      return value == null ? null : coercions[0].apply(value);
    }
    Object[] values = new Object[slots.length];
    int nulls = 0;
    for (int i = 0; i < slots.length; i++) {
      Object value = row.get(at[slots[i]]);
      if (value == null) {
        nulls++;
      } else {
        values[i] = coercions[i].apply(value);
      }
    }
    if (nulls == 0) {
      return Tuple.of(values);
    }
    if (nulls == slots.length) {
      return null;
    }
    StringBuilder shown = new StringBuilder("(");
    for (int i = 0; i < slots.length; i++) {
      shown.append(i == 0 ? "" : ", ").append(SourceRow.describe(row.get(at[slots[i]])));
    }
    throw new RowFailure(
        described,
        shown.append(')').toString(),
        "the composite key "
            + described
            + " is partly null, so it names no row; make all of its columns null or none");
  }
}
