package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.report.FollowReport;
import io.datomize.run.FollowListener;
import io.datomize.run.FollowOptions;
import io.datomize.run.FollowProgress;
import io.datomize.spi.TargetSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.replication.LogSequenceNumber;

/** What the follow tests share: a writer of a live Queryfeed database, a follower on a thread. */
final class FollowFixture {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private FollowFixture() {}

  /** Follows {@code source} into {@code target} until the source's current end of log. */
  static FollowReport followToTheEnd(SyncFixture source, TargetSink target, String followId) {
    FollowReport report =
        source
            .migration()
            .to(target)
            .follow(
                FollowOptions.builder()
                    .followId(followId)
                    .idleWait(Duration.ofSeconds(2))
                    .untilPosition(currentLsn(source.database()))
                    .build());
    assertThat(report.stop()).isEqualTo(FollowReport.Stop.POSITION_REACHED);
    return report;
  }

  /**
   * The source's current end of log: where the last record was inserted, past every commit so far,
   * even one the server has not written yet (the embedded server commits asynchronously).
   */
  static long currentLsn(DataSource database) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT cast(pg_current_wal_insert_lsn() AS text)")) {
      result.next();
      return LogSequenceNumber.valueOf(result.getString(1)).asLong();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** A follower's progress, for a test to wait on. */
  static final class Progress implements FollowListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long transactions;
    private long applied = -1;
    private Throwable stopped;

    @Override
    public void progress(FollowProgress progress) {
      lock.lock();
      try {
        transactions = progress.transactions();
        applied = progress.appliedPosition().orElse(-1);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Waits until the follower has applied at least that many streamed transactions. */
    void awaitTransactions(long atLeast) {
      await(() -> transactions >= atLeast, "the follower to apply " + atLeast + " transactions");
    }

    /** Waits until the follower reports a position at or past {@code position}. */
    void awaitApplied(long position) {
      await(
          () -> applied != -1 && Long.compareUnsigned(applied, position) >= 0,
          "the follower to apply " + LogSequenceNumber.valueOf(position));
    }

    /** The follower stopped, with its failure or null. */
    void stopped(Throwable failure) {
      lock.lock();
      try {
        stopped = failure == null ? new IllegalStateException("stopped") : failure;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    private void await(Supplier<Boolean> done, String what) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      lock.lock();
      try {
        while (!done.get()) {
          if (stopped != null) {
            throw new AssertionError("the follower stopped before " + what, stopped);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("timed out waiting for " + what);
          }
          changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      } finally {
        lock.unlock();
      }
    }
  }

  /** A follow running on its own thread, which a test may interrupt. */
  static final class Running {
    private final FutureTask<FollowReport> task;
    private final Thread thread;

    Running(Supplier<FollowReport> follow, Progress progress) {
      task =
          new FutureTask<>(
              () -> {
                Throwable failure = null;
                try {
                  return follow.get();
                } catch (RuntimeException | Error e) {
                  failure = e;
                  throw e;
                } finally {
                  progress.stopped(failure);
                }
              });
      thread = new Thread(task, "follower");
      thread.start();
    }

    void interrupt() {
      thread.interrupt();
    }

    /** The follower's report, or its failure rethrown. */
    FollowReport report() {
      try {
        return task.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(e.getCause());
      } catch (TimeoutException e) {
        thread.interrupt();
        throw new AssertionError("the follower did not stop", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Writes to a Queryfeed database on its own thread, one small transaction after another: new
   * users with posts and tags, changed, nulled and re-keyed values, enum changes, links added and
   * removed, deleted posts, until stopped.
   */
  static final class Writer implements AutoCloseable {
    private final DataSource database;
    private final Random random;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wrote = lock.newCondition();
    private final Thread thread;
    private volatile Throwable failure;
    private long nextId = 50_000_000;

    Writer(DataSource database, long seed) {
      this.database = database;
      this.random = new Random(seed);
      thread = new Thread(this::run, "writer");
    }

    Writer start() {
      thread.start();
      return this;
    }

    /** Waits until the writer has committed at least that many transactions. */
    void awaitWritten(long atLeast) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      lock.lock();
      try {
        while (written.get() < atLeast && failure == null) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("the writer wrote only " + written.get());
          }
          wrote.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } finally {
        lock.unlock();
      }
      rethrow();
    }

    long written() {
      return written.get();
    }

    /** Stops the writer and waits for its last transaction to commit. */
    @Override
    public void close() {
      stop.set(true);
      try {
        thread.join(WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      rethrow();
    }

    private void rethrow() {
      if (failure != null) {
        throw new AssertionError("the writer failed: " + failure.getMessage(), failure);
      }
    }

    private void run() {
      try (Connection connection = database.getConnection()) {
        connection.setAutoCommit(false);
        while (!stop.get()) {
          writeOne(connection);
          connection.commit();
          lock.lock();
          try {
            written.incrementAndGet();
            wrote.signalAll();
          } finally {
            lock.unlock();
          }
        }
      } catch (Throwable e) {
        failure = e;
        lock.lock();
        try {
          wrote.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }

    private void writeOne(Connection connection) throws SQLException {
      switch (random.nextInt(9)) {
        case 0 -> {
          long id = nextId++;
          exec(
              connection,
              "INSERT INTO users (id, email, status, password_hash, first_name, bio)"
                  + " VALUES (?, 'w' || ? || '@example.com', 'active', 'x', 'Writer', 'new')",
              id,
              id);
          exec(
              connection,
              "INSERT INTO posts (id, user_id, title, views, score, pinned, created_at)"
                  + " VALUES (?, ?, 'by the writer', 0, 0.25, false, now())",
              id,
              id);
          exec(connection, "INSERT INTO post_tags SELECT ?, id FROM tags ORDER BY id LIMIT 2", id);
        }
        case 1 ->
            exec(
                connection,
                "UPDATE posts SET title = title || '+', views = views + 1 WHERE id = ?",
                pick(connection, "posts"));
        case 2 ->
            exec(
                connection,
                "UPDATE posts SET body = NULL, published_at = NULL WHERE id = ?",
                pick(connection, "posts"));
        case 3 -> {
          long post = pick(connection, "posts");
          exec(connection, "DELETE FROM post_tags WHERE post_id = ?", post);
          exec(connection, "DELETE FROM posts WHERE id = ?", post);
        }
        case 4 ->
            exec(
                connection,
                "INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                pick(connection, "posts"),
                pick(connection, "tags"));
        case 5 ->
            exec(
                connection,
                "DELETE FROM post_tags WHERE (post_id, tag_id) = (SELECT post_id, tag_id FROM"
                    + " post_tags WHERE post_id >= ? ORDER BY post_id, tag_id LIMIT 1)",
                pick(connection, "posts"));
        case 6 ->
            exec(
                connection,
                "UPDATE users SET status = CASE status WHEN 'active' THEN 'suspended'::user_status"
                    + " ELSE 'active'::user_status END, website = NULL WHERE id = ?",
                pick(connection, "users"));
        case 7 ->
            exec(
                connection,
                "UPDATE orders SET state = 'paid', note = NULL, total = total + 1 WHERE id = ?",
                pick(connection, "orders"));
        default ->
            // a changed key: the row's entity goes, another comes
            exec(
                connection,
                "UPDATE ipn SET id = ? WHERE id = ?",
                nextId++,
                pick(connection, "ipn"));
      }
    }

    /** Some row's id of the table, as the writer's random draw picks it. */
    private long pick(Connection connection, String table) throws SQLException {
      long low;
      long high;
      try (Statement statement = connection.createStatement();
          ResultSet range = statement.executeQuery("SELECT min(id), max(id) FROM " + table)) {
        range.next();
        low = range.getLong(1);
        high = range.getLong(2);
      }
      long target = low + (long) (random.nextDouble() * (high - low));
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT id FROM " + table + " WHERE id >= ? ORDER BY id LIMIT 1")) {
        statement.setLong(1, target);
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    }

    private static void exec(Connection connection, String sql, long... values)
        throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setLong(i + 1, values[i]);
        }
        statement.executeUpdate();
      }
    }
  }
}
