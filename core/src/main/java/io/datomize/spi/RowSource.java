package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.List;

/** Streams the rows of source tables and counts them for verification. */
public interface RowSource extends AutoCloseable {
  /** Opens a read; rows come in ascending key order, after {@link ReadRequest#after()}. */
  RowCursor read(ReadRequest request);

  /**
   * The exact row count and an order-independent checksum of the rows of a table.
   *
   * @param columns the columns the checksum covers
   */
  TableStats stats(TableName table, List<String> columns);

  @Override
  void close();
}
