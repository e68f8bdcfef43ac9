package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.Optional;

/** The source failed: the message names the table and the last key read, never credentials. */
public class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TableName table;
  private final transient RowKey lastKey;

  public SourceException(String message, TableName table, RowKey lastKey, Throwable cause) {
    super(message, cause);
    this.table = table;
    this.lastKey = lastKey;
  }

  public SourceException(String message, Throwable cause) {
    this(message, null, null, cause);
  }

  public Optional<TableName> table() {
    return Optional.ofNullable(table);
  }

  /** The key of the last row read before the failure, when any row was read. */
  public Optional<RowKey> lastKey() {
    return Optional.ofNullable(lastKey);
  }
}
