package io.datomize.spi;

import io.datomize.catalog.TableName;
import org.immutables.value.Value;

/** The exact row count of a table and an order-independent checksum of its rows. */
@Value.Immutable
public abstract class TableStats {
  @Value.Parameter
  public abstract TableName table();

  @Value.Parameter
  public abstract long rowCount();

  @Value.Parameter
  public abstract long checksum();

  public static TableStats of(TableName table, long rowCount, long checksum) {
    return ImmutableTableStats.of(table, rowCount, checksum);
  }
}
