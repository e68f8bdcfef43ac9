package io.datomize.jdbc.internal;

import io.datomize.catalog.TableName;
import io.datomize.spi.ContentKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import java.util.List;

/**
 * A followed table as it was when the stream opened: its oid (what pgoutput names it by), its
 * columns with their type oids (to notice a change of them), its row shape and decoders. A
 * content-keyed table (neither primary key nor replica identity index) has the {@link
 * ContentKey#HASH} column last in its shape.
 */
record FollowedTable(
    TableName table,
    long oid,
    List<String> columns,
    List<Long> typeOids,
    RowShape shape,
    List<ColumnDecoder> decoders,
    boolean contentKeyed) {

  /** The row of decoded values, in the shape every row of this table has. */
  SourceRow row(Object[] values) {
    return SourceRow.of(shape, values);
  }
}
