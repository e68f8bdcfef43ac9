/**
 * What the source database holds, as its catalog describes it: tables, columns and their types,
 * keys, foreign keys, enum types. A source adapter ({@link io.datomize.spi.SourceCatalog}) reads
 * it; mappings are resolved against it.
 */
@ValueStyle
package io.datomize.catalog;

import io.datomize.internal.ValueStyle;
