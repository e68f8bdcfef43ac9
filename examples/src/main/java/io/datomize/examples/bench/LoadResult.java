package io.datomize.examples.bench;

import java.time.Duration;

/**
 * What a load did: source rows read, datoms asserted (the transactions' own datoms excluded) and the time from the
 * first read to the last commit.
 */
public record LoadResult(long rows, long datoms, Duration elapsed) {
  public double rowsPerSecond() {
    return rows / seconds();
  }

  public double datomsPerSecond() {
    return datoms / seconds();
  }

  public double seconds() {
    return elapsed.toNanos() / 1e9;
  }
}
