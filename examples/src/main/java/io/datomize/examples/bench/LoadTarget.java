package io.datomize.examples.bench;

import datomic.Connection;

/**
 * Where a {@link Loader} writes: a fresh, empty Datomic database. {@code connection} already adds
 * the simulated transactor {@code latency}; a loader that opens its own connection from {@code uri}
 * (as a library that takes a URI does) must apply {@code latency} itself, e.g. with {@link
 * TransactorLatency#wrap(Connection)} or {@link
 * TransactorLatency#delay(java.util.concurrent.CompletableFuture)}, so every loader pays the same
 * latency.
 */
public record LoadTarget(String uri, Connection connection, TransactorLatency latency) {}
