package io.datomize.examples.bench;

import datomic.Connection;
import datomic.Database;
import datomic.ListenableFuture;
import datomic.Log;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Peer connection whose transactions reach the caller {@link TransactorLatency#latency()} after
 * they commit: {@code transactAsync} returns at once and its future completes later; {@code
 * transact} waits for the commit and the latency. Everything else is passed through.
 */
final class LatencyConnection implements Connection {
  private final Connection delegate;
  private final TransactorLatency latency;

  LatencyConnection(Connection delegate, TransactorLatency latency) {
    this.delegate = delegate;
    this.latency = latency;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ListenableFuture<Map> transact(List txData) {
    return awaited(delegate.transact(txData));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ListenableFuture<Map> transact(List txData, Object timeout) {
    return awaited(delegate.transact(txData, timeout));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ListenableFuture<Map> transactAsync(List txData) {
    return delayed(delegate.transactAsync(txData));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ListenableFuture<Map> transactAsync(List txData, Object timeout) {
    return delayed(delegate.transactAsync(txData, timeout));
  }

  private <T> ListenableFuture<T> awaited(ListenableFuture<T> committed) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      T value = committed.get();
      latency.await();
      result.complete(value);
    } catch (ExecutionException e) {
      result.completeExceptionally(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(e);
    }
    return new Adapter<>(result);
  }

  private <T> ListenableFuture<T> delayed(ListenableFuture<T> committed) {
    CompletableFuture<T> done = new CompletableFuture<>();
    committed.addListener(
        () -> {
          try {
            done.complete(committed.get());
          } catch (ExecutionException e) {
            done.completeExceptionally(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
          }
        },
        Runnable::run);
    return new Adapter<>(latency.delay(done));
  }

  @Override
  public boolean requestIndex() {
    return delegate.requestIndex();
  }

  @Override
  public Database db() {
    return delegate.db();
  }

  @Override
  public Log log() {
    return delegate.log();
  }

  @Override
  public ListenableFuture<Database> sync() {
    return delegate.sync();
  }

  @Override
  public ListenableFuture<Database> sync(long t) {
    return delegate.sync(t);
  }

  @Override
  public ListenableFuture<Database> syncIndex(long t) {
    return delegate.syncIndex(t);
  }

  @Override
  public ListenableFuture<Database> syncSchema(long t) {
    return delegate.syncSchema(t);
  }

  @Override
  public ListenableFuture<Database> syncExcise(long t) {
    return delegate.syncExcise(t);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public BlockingQueue<Map> txReportQueue() {
    return delegate.txReportQueue();
  }

  @Override
  public void removeTxReportQueue() {
    delegate.removeTxReportQueue();
  }

  @Override
  public void gcStorage(Date olderThan) {
    delegate.gcStorage(olderThan);
  }

  @Override
  public void release() {
    delegate.release();
  }

  /** A {@link CompletableFuture} seen through Datomic's future interface. */
  private static final class Adapter<T> implements ListenableFuture<T> {
    private final CompletableFuture<T> future;

    Adapter(CompletableFuture<T> future) {
      this.future = future;
    }

    @Override
    public void addListener(Runnable listener, Executor executor) {
      future.whenCompleteAsync((value, failure) -> listener.run(), executor);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return future.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return future.isCancelled();
    }

    @Override
    public boolean isDone() {
      return future.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
      return future.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return future.get(timeout, unit);
    }
  }
}
