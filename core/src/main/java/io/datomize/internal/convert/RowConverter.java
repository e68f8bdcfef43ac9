package io.datomize.internal.convert;

import io.datomize.catalog.TableName;
import io.datomize.spi.SourceRow;
import java.util.List;

/**
 * Converts the rows of one plan step. Pure and thread-safe: the same row gives an equal result
 * every time. Rows must carry every column of {@link #columns()}; rows of a new {@link
 * io.datomize.spi.RowShape} cost one lookup of the column positions, then none.
 */
public interface RowConverter {
  /**
   * One entity or one row error; for a link step also nothing, when the row has no deferred ref to
   * assert.
   */
  Conversion convert(SourceRow row);

  TableName table();

  /** The columns the converter reads. */
  List<String> columns();

  /**
   * The columns the entity's identity is read from, as messages name them: {@code id}, {@code (a,
   * b)}.
   */
  String identityColumns();
}
