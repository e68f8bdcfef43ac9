package io.datomize.internal.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Items made on a thread of their own and handed over through a small queue, so that reading and
 * converting the next rows overlaps with transacting the last ones (an in-process Datomic transacts
 * on the caller's thread). At most {@code ahead} items wait, so memory stays bounded. A failure of
 * the making side is thrown by {@link #next()}; closing stops the making side.
 */
final class ReadAhead<T> implements AutoCloseable {
  /** What the making side runs: it hands each item to the consumer, in order. */
  @FunctionalInterface
  interface Producer<T> {
    void produce(Consumer<T> into);
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean closed;

  private ReadAhead(String name, int ahead, Producer<T> producer) {
    this.queue = new ArrayBlockingQueue<>(ahead + 1);
    this.thread =
        new Thread(
            () -> {
              Object last = END;
              try {
                producer.produce(this::put);
              } catch (Stopped e) {
                return;
              } catch (RuntimeException | Error e) {
                last = e;
              }
              putLast(last);
            },
            "datomize-read " + name);
    thread.setDaemon(true);
  }

  static <T> ReadAhead<T> start(String name, int ahead, Producer<T> producer) {
    ReadAhead<T> readAhead = new ReadAhead<>(name, Math.max(1, ahead), producer);
    readAhead.thread.start();
    return readAhead;
  }

  /** The next item; null after the last. */
  @SuppressWarnings("unchecked")
  T next() {
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunStopped("interrupted while waiting for the rows to be read", e);
    }
    if (item == END) {
      return null;
    }
    if (item instanceof RuntimeException failure) {
      throw failure;
    }
    if (item instanceof Error failure) {
      throw failure;
    }
    return (T) item;
  }

  private void put(T item) {
    if (closed) {
      throw new Stopped();
    }
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  private void putLast(Object last) {
    try {
      queue.put(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the making side, if it still runs, and waits for it to let go of its source. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    queue.clear();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown on the making side when the consumer stopped; ends it quietly. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
