package io.datomize.examples.bench;

import javax.sql.DataSource;

/**
 * One way of moving the Queryfeed database into Datomic, measured end to end by the {@link
 * BenchmarkHarness}: from the first read of the source to the last committed transaction, schema
 * installation included.
 */
public interface Loader {
  /** The name the harness reports and selects it by. */
  String name();

  /**
   * Loads every source row into the target's empty database and returns once everything is
   * committed.
   *
   * @throws Exception anything that stops the load; the harness reports it and stops
   */
  LoadResult load(DataSource source, LoadTarget target) throws Exception;
}
