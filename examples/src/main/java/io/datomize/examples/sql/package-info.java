/**
 * {@link io.datomize.examples.sql.SqlScript} runs psql scripts such as plain {@code pg_dump} files
 * over JDBC, without psql: the example runner's {@code --sql-file} and the tests that load sample
 * databases use it. Tooling, not part of reading a database.
 */
package io.datomize.examples.sql;
