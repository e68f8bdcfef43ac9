/**
 * PostgreSQL as a Datomize source: {@link io.datomize.jdbc.PostgresSource} reads the catalog and streams rows, and
 * {@link io.datomize.jdbc.SqlScript} runs psql dump scripts (for sample databases and tests) without psql.
 */
@ValueStyle
package io.datomize.jdbc;

import io.datomize.internal.ValueStyle;
