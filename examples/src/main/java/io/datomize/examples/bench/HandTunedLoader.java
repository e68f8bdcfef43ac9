package io.datomize.examples.bench;

import datomic.Connection;
import io.datomize.examples.bench.QueryfeedTarget.Column;
import io.datomize.examples.bench.QueryfeedTarget.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The fastest loader we could write by hand with plain JDBC and the Peer API: the source streamed
 * with a fetch size, list-form {@code [:db/add tempid attr value]} datoms, {@code transactAsync}
 * with a fixed number of transactions in flight. Tables are drained one by one so that a child's
 * lookup refs always find their parents.
 */
public final class HandTunedLoader implements Loader {
  /**
   * Transactions in flight: 4 was the fastest on {@code datomic:mem} with 2 cores (16 was slower).
   */
  public static final int DEFAULT_IN_FLIGHT = 4;

  public static final int DEFAULT_BATCH_SIZE = 1_000;

  private static final int FETCH_SIZE = 10_000;

  private final int inFlight;
  private final int batchSize;

  public HandTunedLoader() {
    this(DEFAULT_IN_FLIGHT, DEFAULT_BATCH_SIZE);
  }

  public HandTunedLoader(int inFlight, int batchSize) {
    if (inFlight < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "in flight (" + inFlight + ") and batch size (" + batchSize + ") must be at least 1");
    }
    this.inFlight = inFlight;
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return "hand-tuned";
  }

  @Override
  public LoadResult load(DataSource source, LoadTarget target) throws Exception {
    long start = System.nanoTime();
    Connection datomic = target.connection();
    datomic.transact(QueryfeedTarget.schema()).get();
    Pipeline pipeline = new Pipeline(datomic, inFlight);
    long rows = 0;
    try (java.sql.Connection jdbc = source.getConnection()) {
      // without a transaction pgjdbc ignores the fetch size and reads the whole result first
      jdbc.setAutoCommit(false);
      for (Table table : QueryfeedTarget.TABLES) {
        rows += loadTable(jdbc, table, pipeline);
        pipeline.drain();
      }
      rows += loadPostTags(jdbc, pipeline);
      pipeline.drain();
      jdbc.commit();
    }
    return new LoadResult(rows, pipeline.datoms(), Duration.ofNanos(System.nanoTime() - start));
  }

  private long loadTable(java.sql.Connection jdbc, Table table, Pipeline pipeline)
      throws Exception {
    Column[] columns = table.columns().toArray(Column[]::new);
    long rows = 0;
    try (PreparedStatement select = streaming(jdbc, table.select());
        ResultSet row = select.executeQuery()) {
      List<Object> tx = new ArrayList<>(batchSize * columns.length);
      int entities = 0;
      while (row.next()) {
        // the primary key is unique within a table and a transaction holds one table: a fine tempid
        String tempid = row.getString(1);
        for (int i = 0; i < columns.length; i++) {
          Object value = columns[i].read(row, i + 1);
          if (value != null) {
            tx.add(List.of(QueryfeedTarget.DB_ADD, tempid, columns[i].attribute(), value));
          }
        }
        rows++;
        if (++entities == batchSize) {
          pipeline.submit(tx);
          tx = new ArrayList<>(batchSize * columns.length);
          entities = 0;
        }
      }
      pipeline.submit(tx);
    }
    return rows;
  }

  private long loadPostTags(java.sql.Connection jdbc, Pipeline pipeline) throws Exception {
    long rows = 0;
    try (PreparedStatement select = streaming(jdbc, QueryfeedTarget.POST_TAGS_SELECT);
        ResultSet row = select.executeQuery()) {
      List<Object> tx = new ArrayList<>(batchSize);
      while (row.next()) {
        tx.add(QueryfeedTarget.postTag(row.getLong(1), row.getLong(2)));
        rows++;
        if (tx.size() == batchSize) {
          pipeline.submit(tx);
          tx = new ArrayList<>(batchSize);
        }
      }
      pipeline.submit(tx);
    }
    return rows;
  }

  private static PreparedStatement streaming(java.sql.Connection jdbc, String sql)
      throws SQLException {
    PreparedStatement statement =
        jdbc.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(FETCH_SIZE);
    return statement;
  }

  /**
   * At most {@code inFlight} transactions submitted and not yet completed; the first failure stops
   * the load.
   */
  private static final class Pipeline {
    private final Connection datomic;
    private final int inFlight;
    private final Semaphore permits;
    private final AtomicLong datoms = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Pipeline(Connection datomic, int inFlight) {
      this.datomic = datomic;
      this.inFlight = inFlight;
      this.permits = new Semaphore(inFlight);
    }

    @SuppressWarnings("rawtypes")
    void submit(List<Object> txData) throws Exception {
      if (txData.isEmpty()) {
        return;
      }
      permits.acquire();
      rethrowFailure();
      datomic.ListenableFuture<Map> committed = datomic.transactAsync(txData);
      committed.addListener(
          () -> {
            try {
              datoms.addAndGet(TxReports.dataDatoms(committed.get()));
            } catch (ExecutionException e) {
              failure.compareAndSet(null, e.getCause());
            } catch (InterruptedException | RuntimeException e) {
              failure.compareAndSet(null, e);
            } finally {
              permits.release();
            }
          },
          Runnable::run);
    }

    /** Waits for every submitted transaction. */
    void drain() throws Exception {
      permits.acquire(inFlight);
      permits.release(inFlight);
      rethrowFailure();
    }

    long datoms() {
      return datoms.get();
    }

    private void rethrowFailure() throws Exception {
      Throwable cause = failure.get();
      if (cause instanceof Exception e) {
        throw e;
      }
      if (cause != null) {
        throw new IllegalStateException("a transaction failed", cause);
      }
    }
  }
}
