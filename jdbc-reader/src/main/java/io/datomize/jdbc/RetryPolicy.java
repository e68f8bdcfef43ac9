package io.datomize.jdbc;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * What a row cursor does when its connection fails mid-stream: reconnect up to {@link #maxAttempts()} times, waiting
 * {@link #backoff()} before the first attempt and twice as long before each next one, then continue after the last
 * row it returned. The count starts again once a row has been read, so a long read survives several separate outages.
 */
@Value.Immutable
public abstract class RetryPolicy {
  @Value.Parameter
  public abstract int maxAttempts();

  @Value.Parameter
  public abstract Duration backoff();

  /** Fail on the first connection loss. */
  public static RetryPolicy none() {
    return of(0, Duration.ZERO);
  }

  public static RetryPolicy of(int maxAttempts, Duration backoff) {
    return ImmutableRetryPolicy.of(maxAttempts, backoff);
  }

  /** The wait before reconnect attempt {@code attempt} (1-based). */
  public Duration delayBefore(int attempt) {
    return backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
  }

  @Value.Check
  protected void check() {
    if (maxAttempts() < 0) {
      throw new IllegalArgumentException("retry attempts must be 0 or more, got " + maxAttempts());
    }
    if (backoff().isNegative()) {
      throw new IllegalArgumentException("retry backoff must not be negative, got " + backoff());
    }
  }
}
