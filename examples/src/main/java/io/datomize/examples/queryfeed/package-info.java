/**
 * The Queryfeed sample database of the example migration and the benchmarks: schema and a
 * deterministic generator, see {@link io.datomize.examples.queryfeed.QueryfeedDatabase}.
 */
package io.datomize.examples.queryfeed;
