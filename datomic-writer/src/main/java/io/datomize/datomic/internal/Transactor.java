package io.datomize.datomic.internal;

import datomic.Connection;
import datomic.Database;
import datomic.ListenableFuture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Where transactions go: the live database, or a speculative value of it for a dry run. */
public interface Transactor {
  /** Completes with Datomic's transaction report, or exceptionally with Datomic's own exception. */
  CompletableFuture<Map<?, ?>> transact(List<?> txData);

  /** The latest database value, including every transaction completed so far. */
  Database db();

  /**
   * Asks for an indexing job and waits until the index covers every transaction so far; the time it
   * took.
   */
  Duration index();

  /** Transactions through {@link Connection#transactAsync(List)}. */
  static Transactor live(Connection connection) {
    return new Transactor() {
      @Override
      public CompletableFuture<Map<?, ?>> transact(List<?> txData) {
        CompletableFuture<Map<?, ?>> result = new CompletableFuture<>();
        ListenableFuture<?> pending = connection.transactAsync(txData);
        // Runs on the Peer's thread: it only hands the outcome over, the sink continues on its own
        // executor.
        pending.addListener(
            () -> {
              try {
                result.complete((Map<?, ?>) pending.get());
              } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause() != null ? e.getCause() : e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            Runnable::run);
        return result;
      }

      @Override
      public Database db() {
        return connection.db();
      }

      @Override
      public Duration index() {
        long started = System.nanoTime();
        long basis = connection.db().basisT();
        connection.requestIndex();
        try {
          connection.syncIndex(basis).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the index", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("indexing failed: " + e.getCause(), e.getCause());
        }
        return Duration.ofNanos(System.nanoTime() - started);
      }
    };
  }

  /**
   * Transactions applied with {@link Database#with(List)} to a database value that starts as the
   * connection's current one: each sees the ones before, and nothing reaches the real database.
   */
  static Transactor speculative(Connection connection) {
    return speculative(connection.db());
  }

  /** Transactions applied with {@link Database#with(List)}, starting from {@code start}. */
  static Transactor speculative(Database start) {
    return new Transactor() {
      private Database current = start;

      @Override
      public synchronized CompletableFuture<Map<?, ?>> transact(List<?> txData) {
        try {
          Map<?, ?> report = current.with(txData);
          current = (Database) report.get(Connection.DB_AFTER);
          return CompletableFuture.completedFuture(report);
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }

      @Override
      public synchronized Database db() {
        return current;
      }

      /** A speculative value has no index of its own to wait for. */
      @Override
      public Duration index() {
        return Duration.ZERO;
      }
    };
  }
}
