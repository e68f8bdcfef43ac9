package io.datomize.examples.bench;

import java.time.Duration;

/**
 * What a load did: source rows read, datoms asserted (the transactions' own datoms excluded) and
 * the time from the first read to the last commit; for a loader that checks its own work
 * (Datomize), also the time that check took after the load, which {@code elapsed} leaves out
 * ({@link Duration#ZERO} for the others), and the part of {@code elapsed} it spent waiting for the
 * target to index what it loaded.
 */
public record LoadResult(
    long rows, long datoms, Duration elapsed, Duration ownVerification, Duration indexing) {
  public LoadResult(long rows, long datoms, Duration elapsed) {
    this(rows, datoms, elapsed, Duration.ZERO, Duration.ZERO);
  }

  public double rowsPerSecond() {
    return rows / seconds();
  }

  public double datomsPerSecond() {
    return datoms / seconds();
  }

  public double seconds() {
    return elapsed.toNanos() / 1e9;
  }

  public double ownVerificationSeconds() {
    return ownVerification.toNanos() / 1e9;
  }
}
