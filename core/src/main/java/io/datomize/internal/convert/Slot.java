package io.datomize.internal.convert;

import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;

/**
 * One assertion a row may make: an attribute of one column, or a ref of its foreign key columns.
 */
interface Slot {
  /**
   * Adds the assertion of {@code row} to {@code entity}, or nothing when the value is null and may
   * be omitted.
   *
   * @param at the positions in the row of the converter's column slots
   * @throws RowFailure when the value cannot be asserted
   */
  void apply(SourceRow row, int[] at, TxEntity.Builder entity);
}
