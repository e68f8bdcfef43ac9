package io.datomize.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How often an adapter tries again after a passing failure: the Datomic writer sends a batch again
 * when the transactor is busy or out of reach, the PostgreSQL reader reconnects and continues after
 * the last row it returned. Data at fault is never retried. The wait doubles after each retry, up
 * to 30 s.
 */
public final class RetryPolicy {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final int maxRetries;
  private final Duration initialBackoff;

  private RetryPolicy(int maxRetries, Duration initialBackoff) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("retries must be zero or more, got " + maxRetries);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("the backoff must not be negative, got " + initialBackoff);
    }
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
  }

  /** Up to {@code maxRetries} retries, the first after {@code initialBackoff}. */
  public static RetryPolicy of(int maxRetries, Duration initialBackoff) {
    return new RetryPolicy(maxRetries, initialBackoff);
  }

  /** 5 retries, the first after 200 ms. */
  public static RetryPolicy defaults() {
    return of(5, Duration.ofMillis(200));
  }

  public static RetryPolicy none() {
    return of(0, Duration.ZERO);
  }

  public int maxRetries() {
    return maxRetries;
  }

  /** The wait before retry number {@code retry} (from 1), at most 30 s. */
  public Duration backoff(int retry) {
    Duration wait = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  @Override
  public String toString() {
    return maxRetries == 0 ? "no retries" : maxRetries + " retries from " + initialBackoff;
  }
}
