/**
 * Pure row conversion: a {@link io.datomize.convert.RowConverter}, built once per plan step by
 * {@link io.datomize.convert.RowConverters}, turns each {@link io.datomize.model.SourceRow} into one
 * {@link io.datomize.model.TxEntity} or one {@link io.datomize.model.RowError}. It runs for every row of a migration, so
 * everything that does not depend on the row's values is worked out when the converter is built.
 */
package io.datomize.convert;
