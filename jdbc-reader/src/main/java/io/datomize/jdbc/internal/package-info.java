/**
 * Not API: the reader's implementation (catalog queries, keyset cursors, value decoding, read
 * sessions), public only for {@link io.datomize.jdbc.PostgresSource}; anything here may change in
 * any release.
 */
package io.datomize.jdbc.internal;
