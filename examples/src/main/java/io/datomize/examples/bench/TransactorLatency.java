package io.datomize.examples.bench;

import datomic.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A simulated network between a peer and a remote transactor: every transaction completes a fixed
 * time after the transactor has committed it. An asynchronous submitter is never blocked by it (the
 * completion is scheduled), so pipelining can hide it; a synchronous caller waits it out, as it
 * would on a real network.
 *
 * <p>Use {@link #wrap(Connection)} for code that talks to the Peer API, {@link
 * #delay(CompletableFuture)} for code that talks to a future-returning port (wrap the port's submit
 * so that its in-flight bound also covers the delay).
 */
public final class TransactorLatency {
  private static final TransactorLatency NONE = new TransactorLatency(Duration.ZERO);

  // one daemon thread is enough: it only completes futures, whatever runs on completion must stay
  // short
  private static final ScheduledThreadPoolExecutor SCHEDULER =
      new ScheduledThreadPoolExecutor(
          1,
          runnable -> {
            Thread thread = new Thread(runnable, "transactor-latency");
            thread.setDaemon(true);
            return thread;
          });

  private final Duration latency;

  private TransactorLatency(Duration latency) {
    this.latency = latency;
  }

  public static TransactorLatency none() {
    return NONE;
  }

  public static TransactorLatency of(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("a latency cannot be negative: " + latency);
    }
    return latency.isZero() ? NONE : new TransactorLatency(latency);
  }

  public static TransactorLatency ofMillis(long millis) {
    return of(Duration.ofMillis(millis));
  }

  public Duration latency() {
    return latency;
  }

  public boolean isNone() {
    return latency.isZero();
  }

  /**
   * A connection whose transactions complete {@link #latency()} after they commit; the connection
   * itself if none.
   */
  public Connection wrap(Connection connection) {
    return isNone() ? connection : new LatencyConnection(connection, this);
  }

  /**
   * A future completed {@link #latency()} after {@code committed} completes, with the same value or
   * failure; the same future if there is no latency. The caller's thread is not blocked.
   */
  public <T> CompletableFuture<T> delay(CompletableFuture<T> committed) {
    if (isNone()) {
      return committed;
    }
    Executor later =
        CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS, SCHEDULER);
    CompletableFuture<T> delivered = new CompletableFuture<>();
    committed.whenComplete(
        (value, failure) ->
            later.execute(
                () -> {
                  if (failure == null) {
                    delivered.complete(value);
                  } else {
                    delivered.completeExceptionally(failure);
                  }
                }));
    return delivered;
  }

  /**
   * Blocks the calling thread for {@link #latency()}: the round trip a synchronous caller waits
   * for.
   */
  public void await() throws InterruptedException {
    if (!isNone()) {
      TimeUnit.NANOSECONDS.sleep(latency.toNanos());
    }
  }

  @Override
  public String toString() {
    return latency.toMillis() + " ms";
  }
}
