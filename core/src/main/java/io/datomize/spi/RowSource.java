package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.List;
import java.util.Optional;

/** Streams the rows of source tables and counts them for verification. */
public interface RowSource extends AutoCloseable {
  /** Opens a read; rows come in ascending key order, after {@link ReadRequest#after()}. */
  RowCursor read(ReadRequest request);

  /**
   * Reads the rows that match a lookup's candidates, in no particular order. Memory stays bounded
   * by the number of candidates.
   */
  RowCursor lookup(LookupRequest request);

  /**
   * The greatest value of a column, to read only later changes next time: a key of that one value,
   * empty when the table has no non-null value in it.
   */
  Optional<RowKey> highWatermark(TableName table, String column);

  /**
   * The exact row count and an order-independent checksum of the rows of a table.
   *
   * @param columns the columns the checksum covers
   */
  TableStats stats(TableName table, List<String> columns);

  @Override
  void close();
}
