/**
 * The ports the core drives, and the data that crosses them: a source ({@link
 * io.datomize.spi.SourceCatalog}, {@link io.datomize.spi.RowSource}, giving {@link
 * io.datomize.spi.SourceRow}s) and a target ({@link io.datomize.spi.TargetSink}, taking {@link
 * io.datomize.spi.TxBatch}es). Adapters such as the JDBC reader and the Datomic writer implement
 * them; the core knows nothing of JDBC or Datomic.
 */
@ValueStyle
package io.datomize.spi;

import io.datomize.internal.ValueStyle;
