package io.datomize.jdbc.internal;

import io.datomize.catalog.TableName;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import java.util.List;

/**
 * A followed table as it was when the stream opened: its oid (what pgoutput names it by), its
 * columns with their type oids (to notice a change of them), its row shape and decoders.
 */
record FollowedTable(
    TableName table,
    long oid,
    List<String> columns,
    List<Long> typeOids,
    RowShape shape,
    List<ColumnDecoder> decoders) {

  /** The row of decoded values, in the shape every row of this table has. */
  SourceRow row(Object[] values) {
    return SourceRow.of(shape, values);
  }
}
