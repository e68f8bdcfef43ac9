package io.datomize.examples.bench;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.report.FollowReport;
import io.datomize.run.FollowListener;
import io.datomize.run.FollowOptions;
import io.datomize.run.FollowProgress;
import io.datomize.run.RunOptions;
import io.datomize.verify.VerificationReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.replication.LogSequenceNumber;

/**
 * The follow benchmark's scenario (issue #15) on a Queryfeed database: a follower loads the
 * snapshot; with the follower stopped a writer commits single-row transactions, then transactions
 * of many rows each, and the follower's drain of each is timed, so that the apply rate is measured
 * without the writer competing for the CPU; last, the writer runs paced at half the measured
 * single-row rate while the follower runs, and the follower's lag is sampled. Every phase is
 * checked: the follower applies exactly the rows the writer changed, and Datomize's verification
 * passes at the end.
 */
final class FollowScenario {
  private static final String FOLLOW_ID = "bench_follow";

  /** How long the scenario waits for the follower to reach a position before it gives up. */
  private static final Duration WAIT = Duration.ofMinutes(5);

  /**
   * @param singleTransactions single-row transactions of the first phase
   * @param batchTransactions transactions of the second phase
   * @param batchRows rows changed by each transaction of the second phase
   * @param lagDuration about how long the paced writer of the lag phase runs
   */
  record Settings(
      int singleTransactions, int batchTransactions, int batchRows, Duration lagDuration) {}

  private final DataSource source;
  private final Path runs;
  private final long seed;

  FollowScenario(DataSource source, Path runs, long seed) {
    this.source = source;
    this.runs = runs;
    this.seed = seed;
  }

  /** Runs the scenario into the {@code datomic:mem} database at {@code uri}. */
  Result run(String uri, Settings settings) {
    try (PostgresSource postgres = PostgresSource.builder().dataSource(source).build();
        DatomicTarget datomic = DatomicTarget.builder().uri(uri).build();
        Writer writer = new Writer(source, seed)) {
      Migration.Ready migration =
          Migration.from(postgres)
              .mapping(BenchmarkMapping::mapping)
              .options(RunOptions.builder().runDirectory(runs).verify(false).build())
              .to(datomic);
      Drain snapshot = drain(migration);
      Drain idle = drain(migration);

      long singleChanges = 0;
      // a transaction that changed no row (a link that existed, or none to remove) is not streamed
      int singleTransactions = 0;
      for (int i = 0; i < settings.singleTransactions(); i++) {
        long changed = writer.single();
        singleChanges += changed;
        singleTransactions += changed > 0 ? 1 : 0;
      }
      Drain single = drain(migration);

      long batchChanges = 0;
      for (int i = 0; i < settings.batchTransactions(); i++) {
        batchChanges += writer.batch(settings.batchRows());
      }
      Drain batch = drain(migration);

      Lag lag =
          lag(
              migration,
              writer,
              single.changesPerSecondAfterStart(idle) / 2,
              settings.lagDuration());

      FollowReport last =
          migration.follow(
              options().untilPosition(currentLsn(source)).dropSlotWhenDone(true).build());
      VerificationReport verification = migration.verify();
      return new Result(
          snapshot,
          idle,
          single,
          singleChanges,
          singleTransactions,
          batch,
          batchChanges,
          settings.batchTransactions(),
          lag,
          last,
          verification.passed());
    }
  }

  private Drain drain(Migration.Ready migration) {
    long end = currentLsn(source);
    long started = System.nanoTime();
    FollowReport report = migration.follow(options().untilPosition(end).build());
    return new Drain(Duration.ofNanos(System.nanoTime() - started), report);
  }

  /**
   * The follower runs while the writer commits single-row transactions at {@code rate} per second
   * for about {@code duration}; then the follower is stopped once it applied the writer's last.
   */
  private Lag lag(Migration.Ready migration, Writer writer, double rate, Duration duration) {
    int transactions = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    Samples samples = new Samples();
    FutureTask<FollowReport> follower =
        new FutureTask<>(
            () -> {
              try {
                return migration.follow(options().listener(samples).build());
              } finally {
                samples.stopped();
              }
            });
    Thread thread = new Thread(follower, "follower");
    thread.start();
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch written = new CountDownLatch(1);
    AtomicInteger committed = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong changes = new AtomicLong();
    long period = Math.max(1, Math.round(1e9 / rate));
    long started = System.nanoTime();
    try {
      pace.scheduleAtFixedRate(
          () -> {
            if (committed.get() >= transactions) {
              return;
            }
            try {
              changes.addAndGet(writer.single());
              if (committed.incrementAndGet() == transactions) {
                written.countDown();
              }
            } catch (RuntimeException e) {
              failure.set(e);
              committed.set(transactions);
              written.countDown();
            }
          },
          0,
          period,
          TimeUnit.NANOSECONDS);
      if (!written.await(WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("the paced writer did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pace.shutdown();
    }
    Duration writing = Duration.ofNanos(System.nanoTime() - started);
    if (failure.get() != null) {
      thread.interrupt();
      throw new IllegalStateException("the paced writer failed", failure.get());
    }
    long end = currentLsn(source);
    samples.awaitApplied(end);
    thread.interrupt();
    FollowReport report;
    try {
      report = follower.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the follower failed", e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      throw new IllegalStateException("the follower did not stop", e);
    }
    return new Lag(
        rate, transactions, changes.get(), writing, report, samples.within(started, writing));
  }

  private static FollowOptions.Builder options() {
    return FollowOptions.builder().followId(FOLLOW_ID).idleWait(Duration.ofMillis(500));
  }

  static long currentLsn(DataSource database) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT cast(pg_current_wal_lsn() AS text)")) {
      result.next();
      return LogSequenceNumber.valueOf(result.getString(1)).asLong();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** One follow to a position, timed from its call to its return. */
  record Drain(Duration elapsed, FollowReport report) {
    double changesPerSecond() {
      return report.changes() / (elapsed.toNanos() / 1e9);
    }

    /**
     * The rate less the time a follow takes to start and stop with nothing to apply ({@code
     * start}): the catalog read, the plan, the stream opened and its position confirmed.
     */
    double changesPerSecondAfterStart(Drain start) {
      Duration applying = elapsed.minus(start.elapsed());
      return applying.isNegative() || applying.isZero()
          ? changesPerSecond()
          : report.changes() / (applying.toNanos() / 1e9);
    }
  }

  /** One progress report of the follower, at {@code nanos} of {@link System#nanoTime()}. */
  record Sample(long nanos, long lagBytes, Duration lag) {}

  /**
   * The lag phase: the writer's rate and what it wrote, the follower's report and its samples while
   * the writer ran.
   */
  record Lag(
      double rate,
      int transactions,
      long changes,
      Duration writing,
      FollowReport report,
      List<Sample> samples) {}

  /** What the phases did and took, and whether the target equals the source at the end. */
  record Result(
      Drain snapshot,
      Drain idle,
      Drain single,
      long singleChanges,
      int singleTransactions,
      Drain batch,
      long batchChanges,
      int batchTransactions,
      Lag lag,
      FollowReport last,
      boolean verified) {

    /** What went wrong, if anything: then the figures do not count. */
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      snapshot
          .report()
          .snapshot()
          .filter(s -> s.succeeded() && s.rowsRejected() == 0)
          .ifPresentOrElse(
              s -> {}, () -> problems.add("the first follow did not load a snapshot of every row"));
      for (Drain drain : List.of(snapshot, idle, single, batch)) {
        if (drain.report().stop() != FollowReport.Stop.POSITION_REACHED
            || drain.report().rowsRejected() > 0
            || drain.report().changesIgnored() > 0) {
          problems.add("a drain stopped " + drain.report().stop() + " or rejected or skipped rows");
        }
      }
      compare(problems, "idle drain", 0, idle.report().changes());
      compare(problems, "single-row phase", singleChanges, single.report().changes());
      compare(
          problems, "single-row transactions", singleTransactions, single.report().transactions());
      compare(problems, "batch phase", batchChanges, batch.report().changes());
      compare(problems, "batch transactions", batchTransactions, batch.report().transactions());
      compare(problems, "lag phase", lag.changes(), lag.report().changes() + last.changes());
      if (lag.report().stop() != FollowReport.Stop.INTERRUPTED || lag.report().rowsRejected() > 0) {
        problems.add(
            "the lag phase's follower stopped " + lag.report().stop() + " or rejected rows");
      }
      if (!last.slotDropped()) {
        problems.add("the last follow did not drop its slot");
      }
      if (!verified) {
        problems.add("Datomize's verification failed after the last follow");
      }
      return problems;
    }

    private static void compare(List<String> problems, String what, long expected, long applied) {
      if (expected != applied) {
        problems.add(what + ": the writer wrote " + expected + ", the follower applied " + applied);
      }
    }
  }

  /** The follower's progress as samples, and a wait for its applied position. */
  private static final class Samples implements FollowListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Sample> samples = new ArrayList<>();
    private long applied = -1;
    private boolean stopped;

    @Override
    public void progress(FollowProgress progress) {
      long now = System.nanoTime();
      lock.lock();
      try {
        samples.add(new Sample(now, progress.lagBytes(), progress.lag()));
        applied = progress.appliedPosition().orElse(-1);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void stopped() {
      lock.lock();
      try {
        stopped = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void awaitApplied(long position) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      lock.lock();
      try {
        while (applied == -1 || Long.compareUnsigned(applied, position) < 0) {
          long left = deadline - System.nanoTime();
          if (stopped || left <= 0) {
            throw new IllegalStateException(
                "the follower "
                    + (stopped ? "stopped" : "did not apply")
                    + " before "
                    + LogSequenceNumber.valueOf(position));
          }
          changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        lock.unlock();
      }
    }

    List<Sample> within(long started, Duration length) {
      lock.lock();
      try {
        return samples.stream()
            .filter(s -> s.nanos() >= started && s.nanos() - started <= length.toNanos())
            .toList();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Commits transactions to a Queryfeed database and counts the rows each changed: single-row ones
   * (posts and users updated or inserted, post_tags links added or removed) and batches that update
   * posts, users or orders, or insert posts, many rows at a time.
   */
  static final class Writer implements AutoCloseable {
    private static final long WRITTEN_IDS = 100_000_000;

    private final Connection connection;
    private final Random random;
    private final Map<String, long[]> ranges = new HashMap<>();
    private long nextId = WRITTEN_IDS;
    private int batches;

    /**
     * One connection, used by one thread at a time, so that a transaction costs no connect. Its
     * commits are synchronous, as a production source's are: with the embedded server's {@code
     * synchronous_commit = off} a commit returns before its record is written, so {@code
     * pg_current_wal_lsn()} taken after the writer could lie before its last transactions.
     */
    Writer(DataSource database, long seed) {
      try {
        this.connection = database.getConnection();
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET synchronous_commit = on");
        }
        connection.setAutoCommit(false);
      } catch (SQLException e) {
        throw new IllegalStateException("the writer cannot connect: " + e.getMessage(), e);
      }
      this.random = new Random(seed);
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }

    /** Commits one transaction that changes at most one row; returns the rows changed. */
    long single() {
      return transaction(
          connection ->
              switch (random.nextInt(6)) {
                case 0 ->
                    exec(
                        connection,
                        "UPDATE posts SET views = views + 1, title = title || '+' WHERE id ="
                            + " (SELECT id FROM posts WHERE id >= ? ORDER BY id LIMIT 1)",
                        pick(connection, "posts"));
                case 1 ->
                    exec(
                        connection,
                        "UPDATE users SET first_name = coalesce(first_name, '') || '~' WHERE id ="
                            + " (SELECT id FROM users WHERE id >= ? ORDER BY id LIMIT 1)",
                        pick(connection, "users"));
                case 2 ->
                    exec(
                        connection,
                        "INSERT INTO users (id, email, status, password_hash, first_name)"
                            + " VALUES (?, 'f' || ? || '@example.com', 'active', 'x', 'Follow')",
                        nextId,
                        nextId++);
                case 3 ->
                    exec(
                        connection,
                        "INSERT INTO posts (id, user_id, title, views, score, pinned, created_at)"
                            + " SELECT ?, min(id), 'followed', 0, 0.5, false, now() FROM users",
                        nextId++);
                case 4 ->
                    exec(
                        connection,
                        "INSERT INTO post_tags (post_id, tag_id) SELECT p.id, t.id FROM (SELECT id"
                            + " FROM posts WHERE id >= ? ORDER BY id LIMIT 1) p, (SELECT id FROM"
                            + " tags WHERE id >= ? ORDER BY id LIMIT 1) t ON CONFLICT DO NOTHING",
                        pick(connection, "posts"),
                        pick(connection, "tags"));
                default ->
                    exec(
                        connection,
                        "DELETE FROM post_tags WHERE (post_id, tag_id) = (SELECT post_id, tag_id"
                            + " FROM post_tags WHERE post_id >= ? ORDER BY post_id, tag_id LIMIT 1)",
                        pick(connection, "posts"));
              });
    }

    /** Commits one transaction that changes up to {@code rows} rows; returns the rows changed. */
    long batch(int rows) {
      int kind = batches++ % 4;
      return transaction(
          connection ->
              switch (kind) {
                case 0 -> updateSome(connection, "posts", "views = views + 1", rows);
                case 1 ->
                    updateSome(
                        connection, "users", "first_name = coalesce(first_name, '') || '~'", rows);
                case 2 -> updateSome(connection, "orders", "item_count = item_count + 1", rows);
                default -> {
                  long first = nextId;
                  nextId += rows;
                  yield exec(
                      connection,
                      "INSERT INTO posts (id, user_id, title, views, score, pinned, created_at)"
                          + " SELECT ? + g, (SELECT min(id) FROM users), 'batch ' || g, 0, 0.5,"
                          + " false, now() FROM generate_series(0, ? - 1) AS g",
                      first,
                      rows);
                }
              });
    }

    private long updateSome(Connection connection, String table, String change, int rows)
        throws SQLException {
      return exec(
          connection,
          "UPDATE "
              + table
              + " SET "
              + change
              + " WHERE id IN (SELECT id FROM "
              + table
              + " WHERE id >= ? ORDER BY id LIMIT ?)",
          pick(connection, table, rows),
          rows);
    }

    private interface Work {
      long apply(Connection connection) throws SQLException;
    }

    private long transaction(Work work) {
      try {
        long changed = work.apply(connection);
        connection.commit();
        return changed;
      } catch (SQLException e) {
        throw new IllegalStateException("the writer failed: " + e.getMessage(), e);
      }
    }

    private long pick(Connection connection, String table) throws SQLException {
      return pick(connection, table, 1);
    }

    /**
     * An id of the generated rows, as the writer's random draw picks it, with about {@code
     * following} ids at or after it; the rows the writer inserted (ids from 100,000,000) are never
     * picked, so that picks stay spread over the table.
     */
    private long pick(Connection connection, String table, int following) throws SQLException {
      long[] range = ranges.get(table);
      if (range == null) {
        try (Statement statement = connection.createStatement();
            ResultSet bounds =
                statement.executeQuery(
                    "SELECT min(id), max(id) FROM " + table + " WHERE id < " + WRITTEN_IDS)) {
          bounds.next();
          range = new long[] {bounds.getLong(1), bounds.getLong(2)};
          ranges.put(table, range);
        }
      }
      long span = Math.max(0, range[1] - range[0] + 1 - following);
      return range[0] + (long) (random.nextDouble() * span);
    }

    private static long exec(Connection connection, String sql, long... values)
        throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setLong(i + 1, values[i]);
        }
        return statement.executeUpdate();
      }
    }
  }
}
