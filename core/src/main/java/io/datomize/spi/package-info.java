/**
 * The ports Datomize's core drives: a source ({@link io.datomize.spi.SourceCatalog}, {@link io.datomize.spi.RowSource})
 * and a target ({@link io.datomize.spi.TargetSink}). Adapters such as the JDBC reader and the Datomic writer implement
 * them; the core knows nothing of JDBC or Datomic.
 */
@ValueStyle
package io.datomize.spi;

import io.datomize.style.ValueStyle;
