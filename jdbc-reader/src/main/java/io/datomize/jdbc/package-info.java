/**
 * PostgreSQL as a Datomize source: {@link io.datomize.jdbc.PostgresSource} reads the catalog and
 * streams rows.
 */
@ValueStyle
package io.datomize.jdbc;

import io.datomize.internal.ValueStyle;
