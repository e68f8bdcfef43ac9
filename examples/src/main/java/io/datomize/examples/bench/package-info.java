/**
 * The benchmark harness: Datomize ({@link io.datomize.examples.bench.DatomizeLoader}, with its
 * defaults) against baseline loaders written without it, a naive and a hand-tuned one, on the
 * Queryfeed database.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests -Pbench package
 * -Dbench.args="--scales 100k,1M,5M --rounds 3 --latency-ms 0,5,20"} (the profile runs {@link
 * io.datomize.examples.bench.BenchmarkHarness} in a JVM of its own; {@code -Dbench.jvmArgs=...}
 * replaces its JVM options). A new loader implements {@link io.datomize.examples.bench.Loader} and
 * is registered by name in the harness's static block with {@link
 * io.datomize.examples.bench.BenchmarkHarness#register}; the harness verifies every load of every
 * loader against the source the same way.
 */
package io.datomize.examples.bench;
