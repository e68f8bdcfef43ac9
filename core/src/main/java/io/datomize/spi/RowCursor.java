package io.datomize.spi;

import java.util.Iterator;

/**
 * Rows of one read, in key order. {@link #next()} throws {@link SourceException} when the source
 * fails mid-stream; its message names the table and the last key read. Close it to free the
 * connection.
 */
public interface RowCursor extends Iterator<SourceRow>, AutoCloseable {
  RowShape shape();

  @Override
  void close();
}
