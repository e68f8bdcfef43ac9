/**
 * Not API. Pure row conversion: a {@link io.datomize.internal.convert.RowConverter}, built once per
 * plan step by {@link io.datomize.internal.convert.RowConverters}, turns each {@link
 * io.datomize.spi.SourceRow} into one {@link io.datomize.spi.TxEntity} or one {@link
 * io.datomize.report.RowError}. It runs for every row of a migration, so everything that does not
 * depend on the row's values is worked out when the converter is built.
 */
package io.datomize.internal.convert;
