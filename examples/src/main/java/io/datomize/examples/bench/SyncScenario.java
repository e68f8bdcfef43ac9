package io.datomize.examples.bench;

import datomic.Peer;
import io.datomize.Migration;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import io.datomize.verify.VerificationReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * One round of the sync benchmark on a Queryfeed database that {@link #prepare} gave an {@code
 * updated_at} column per entity table: a full load that records the watermarks, a sync of the
 * unchanged source without watermarks, then about 1% of the rows changed (updates spread over every
 * table, a few inserts and deletes, bridge links added and removed) and a sync with the watermarks.
 * Each run is timed without Datomize's own verification, which follows the last sync on its own.
 */
final class SyncScenario {
  /**
   * The tables mapped to entities, each given a watermark column; {@code post_tags} is a bridge.
   */
  static final List<String> ENTITY_TABLES = List.of("users", "tags", "posts", "orders", "ipn");

  static final String BRIDGE = "post_tags";

  static final String WATERMARK = "updated_at";

  /** New rows per entity table that takes inserts, and rows deleted, per round. */
  static final int FEW = 10;

  /** The changed value of each entity table: always different from the old one. */
  private static final Map<String, String> CHANGES =
      Map.of(
          "users", "first_name = coalesce(first_name, '') || '~'",
          "tags", "description = coalesce(description, '') || '~'",
          "posts", "views = views + 1",
          "orders", "item_count = item_count + 1",
          "ipn", "verified = NOT verified");

  private final DataSource source;
  private final Path runs;

  SyncScenario(DataSource source, Path runs) {
    this.source = source;
    this.runs = runs;
  }

  /**
   * Adds a NOT NULL, indexed {@code updated_at} to each entity table, spread one second per key
   * from 2020 on, so that each table's greatest value belongs to one row.
   */
  static void prepare(DataSource source) {
    List<String> statements = new ArrayList<>();
    for (String table : ENTITY_TABLES) {
      statements.add("ALTER TABLE " + table + " ADD COLUMN " + WATERMARK + " timestamptz");
      statements.add(
          "UPDATE "
              + table
              + " SET "
              + WATERMARK
              + " = timestamptz '2020-01-01 00:00:00+00' + id * interval '1 second'");
      statements.add("ALTER TABLE " + table + " ALTER COLUMN " + WATERMARK + " SET NOT NULL");
      statements.add("CREATE INDEX ON " + table + " (" + WATERMARK + ")");
    }
    execute(source, statements);
    execute(source, List.of("VACUUM ANALYZE"));
  }

  static RunOptions.Builder watermarks(RunOptions.Builder options) {
    for (String table : ENTITY_TABLES) {
      options.putWatermarks(TableName.of("public", table), WATERMARK);
    }
    return options;
  }

  /** Runs round {@code round} (from 1) into a fresh {@code datomic:mem} database, deleted after. */
  Round run(int round) {
    String uri = "datomic:mem://bench-sync-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    datomic.Connection connection = Peer.connect(uri);
    try (PostgresSource postgres = PostgresSource.builder().dataSource(source).build();
        DatomicTarget datomic = DatomicTarget.builder().connection(connection).build()) {
      Migration.Mapped migration = Migration.from(postgres).mapping(BenchmarkMapping::mapping);
      RunOptions plain = RunOptions.builder().runDirectory(runs).verify(false).build();
      RunOptions marked = watermarks(RunOptions.builder().from(plain)).build();

      long started = System.nanoTime();
      MigrationReport load = migration.options(marked).to(datomic).run();
      Duration loaded = Duration.ofNanos(System.nanoTime() - started);

      started = System.nanoTime();
      MigrationReport unchanged = migration.options(plain).to(datomic).sync();
      Duration unchangedTook = Duration.ofNanos(System.nanoTime() - started);

      Map<String, OffsetDateTime> marks = greatestWatermarks();
      Changes changes = change(round);
      Map<String, Long> atOrAboveMarks = atOrAbove(marks);

      started = System.nanoTime();
      MigrationReport changed = migration.options(marked).to(datomic).sync();
      Duration changedTook = Duration.ofNanos(System.nanoTime() - started);

      started = System.nanoTime();
      VerificationReport verification = migration.options(plain).to(datomic).verify();
      Duration verified = Duration.ofNanos(System.nanoTime() - started);

      return new Round(
          round,
          loaded,
          load,
          Phase.of(unchangedTook, unchanged),
          Phase.of(changedTook, changed),
          changes,
          atOrAboveMarks,
          verification.passed(),
          verified);
    } finally {
      // a released connection and a deleted database let the next round start with a free heap
      connection.release();
      Peer.deleteDatabase(uri);
    }
  }

  /**
   * Changes about 1% of the rows: in each entity table the rows whose {@code (id - 1) % 100} is the
   * round's residue get a new value and a new {@code updated_at}; {@link #FEW} users, posts and ipn
   * rows are inserted and {@code FEW} ipn rows deleted; links are removed from the posts of one
   * residue and one link added to each post of another, 0.5% of the bridge rows each.
   */
  Changes change(int round) {
    long residue = (round - 1) % 100;
    Map<String, Long> updated = new LinkedHashMap<>();
    Map<String, Long> inserted = new LinkedHashMap<>();
    Map<String, Long> deleted = new LinkedHashMap<>();
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (String table : ENTITY_TABLES) {
        updated.put(
            table,
            (long)
                statement.executeUpdate(
                    "UPDATE "
                        + table
                        + " SET "
                        + CHANGES.get(table)
                        + ", "
                        + WATERMARK
                        + " = clock_timestamp() WHERE (id - 1) % 100 = "
                        + residue));
        inserted.put(table, 0L);
        deleted.put(table, 0L);
      }
      inserted.put(
          "users",
          (long)
              statement.executeUpdate(
                  "INSERT INTO users (id, email, status, password_hash, created_at, updated_at)"
                      + " SELECT m + g, 'sync-' || (m + g) || '@example.com', 'active', 'x', now(),"
                      + " clock_timestamp() FROM (SELECT max(id) AS m FROM users) AS top,"
                      + " generate_series(1, "
                      + FEW
                      + ") AS g"));
      inserted.put(
          "posts",
          (long)
              statement.executeUpdate(
                  "INSERT INTO posts (id, user_id, title, views, score, pinned, created_at,"
                      + " updated_at) SELECT m + g, (SELECT min(id) FROM users), 'new ' || g, 0,"
                      + " 0.5, false, now(), clock_timestamp() FROM (SELECT max(id) AS m FROM posts)"
                      + " AS top, generate_series(1, "
                      + FEW
                      + ") AS g"));
      inserted.put(
          "ipn",
          (long)
              statement.executeUpdate(
                  "INSERT INTO ipn (id, order_id, txn_id, payload, verified, received_at,"
                      + " updated_at) SELECT m + g, NULL, gen_random_uuid(), '{}', false,"
                      + " localtimestamp, clock_timestamp() FROM (SELECT max(id) AS m FROM ipn) AS"
                      + " top, generate_series(1, "
                      + FEW
                      + ") AS g"));
      deleted.put(
          "ipn",
          (long)
              statement.executeUpdate(
                  "DELETE FROM ipn WHERE id IN (SELECT id FROM ipn WHERE (id - 1) % 100 <> "
                      + residue
                      + " ORDER BY id LIMIT "
                      + FEW
                      + ")"));
      // links of different posts are removed and added: the bridge's sync counts an owner
      // with new links as inserted and each removed link as deleted
      long linksRemoved =
          statement.executeUpdate(
              "DELETE FROM post_tags WHERE post_id % 200 = " + (2 * residue + 1) % 200);
      long linksAdded =
          statement.executeUpdate(
              "INSERT INTO post_tags (post_id, tag_id) SELECT post_id, tag_id FROM (SELECT p.id AS"
                  + " post_id, (SELECT min(t.id) FROM tags t WHERE NOT EXISTS (SELECT 1 FROM"
                  + " post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = t.id)) AS tag_id FROM"
                  + " posts p WHERE p.id % 200 = "
                  + (2 * residue + 2) % 200
                  + ") AS free WHERE tag_id IS NOT NULL");
      inserted.put(BRIDGE, linksAdded);
      updated.put(BRIDGE, 0L);
      deleted.put(BRIDGE, linksRemoved);
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not change the source: " + e.getMessage(), e);
    }
    return new Changes(updated, inserted, deleted);
  }

  private Map<String, OffsetDateTime> greatestWatermarks() {
    Map<String, OffsetDateTime> marks = new LinkedHashMap<>();
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : ENTITY_TABLES) {
        try (ResultSet rows =
            statement.executeQuery("SELECT max(" + WATERMARK + ") FROM " + table)) {
          rows.next();
          marks.put(table, rows.getObject(1, OffsetDateTime.class));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return marks;
  }

  /** Rows a sync since {@code marks} reads: at or above the mark, as the reader asks. */
  private Map<String, Long> atOrAbove(Map<String, OffsetDateTime> marks) {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = source.getConnection()) {
      for (var mark : marks.entrySet()) {
        try (var count =
            connection.prepareStatement(
                "SELECT count(*) FROM " + mark.getKey() + " WHERE " + WATERMARK + " >= ?")) {
          count.setObject(1, mark.getValue());
          try (ResultSet rows = count.executeQuery()) {
            rows.next();
            counts.put(mark.getKey(), rows.getLong(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  private static void execute(DataSource source, List<String> statements) {
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare the source: " + e.getMessage(), e);
    }
  }

  /** Rows changed per table: rows updated, rows inserted (bridge: posts given a link), deleted. */
  record Changes(Map<String, Long> updated, Map<String, Long> inserted, Map<String, Long> deleted) {
    long total() {
      return sum(updated) + sum(inserted) + sum(deleted);
    }

    private static long sum(Map<String, Long> counts) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** What one sync did, summed over its steps, and each step's time. */
  record Phase(
      Duration elapsed,
      MigrationReport report,
      long rowsRead,
      long keysChecked,
      long inserted,
      long updated,
      long unchanged,
      long deleted,
      long datoms,
      long retracted,
      Map<String, Duration> steps) {
    static Phase of(Duration elapsed, MigrationReport report) {
      Map<String, Duration> steps = new LinkedHashMap<>();
      for (StepReport step : report.steps()) {
        steps.merge(step.stepId(), step.duration(), Duration::plus);
      }
      return new Phase(
          elapsed,
          report,
          report.rowsRead(),
          sum(report, StepReport::keysChecked),
          sum(report, StepReport::rowsInserted),
          sum(report, StepReport::rowsUpdated),
          sum(report, StepReport::rowsUnchanged),
          sum(report, StepReport::entitiesDeleted),
          report.datoms(),
          sum(report, StepReport::datomsRetracted),
          steps);
    }

    /** The time the steps' reports leave out: delete passes, entity counts, schema, run record. */
    Duration outsideSteps() {
      return steps.values().stream().reduce(elapsed, Duration::minus);
    }

    /** The count of {@code table}'s steps. */
    long of(String table, ToLongFunction<StepReport> count) {
      return report.steps().stream()
          .filter(s -> s.table().equals(TableName.of("public", table)))
          .mapToLong(count)
          .sum();
    }

    private static long sum(MigrationReport report, ToLongFunction<StepReport> count) {
      return report.steps().stream().mapToLong(count).sum();
    }
  }

  /**
   * One round: the load, the unchanged and the watermarked sync; {@code atOrAboveMarks} are the
   * rows per entity table whose watermark is at or above the one the load recorded, after the
   * changes.
   */
  record Round(
      int round,
      Duration load,
      MigrationReport loadReport,
      Phase unchanged,
      Phase changed,
      Changes changes,
      Map<String, Long> atOrAboveMarks,
      boolean verified,
      Duration verification) {

    /**
     * What does not hold: the load and syncs succeeded, the unchanged sync changed nothing, and the
     * watermarked sync read the rows at or above the marks and changed exactly the rows changed.
     */
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (!loadReport.succeeded() || loadReport.rowsRejected() > 0) {
        problems.add("the load did not load everything:\n" + loadReport.summary());
      }
      if (!unchanged.report().succeeded()
          || unchanged.datoms()
                  + unchanged.retracted()
                  + unchanged.inserted()
                  + unchanged.updated()
                  + unchanged.deleted()
              != 0) {
        problems.add(
            "the sync of the unchanged source changed something:\n" + unchanged.report().summary());
      }
      if (!changed.report().succeeded() || changed.report().rowsRejected() > 0) {
        problems.add("the watermarked sync failed:\n" + changed.report().summary());
      }
      for (String table : changes.updated().keySet()) {
        expect(
            problems,
            table,
            "updated",
            changes.updated().get(table),
            changed.of(table, StepReport::rowsUpdated));
        expect(
            problems,
            table,
            "inserted",
            changes.inserted().get(table),
            changed.of(table, StepReport::rowsInserted));
        expect(
            problems,
            table,
            "deleted",
            changes.deleted().get(table),
            changed.of(table, StepReport::entitiesDeleted));
      }
      for (var table : atOrAboveMarks.entrySet()) {
        expect(
            problems,
            table.getKey(),
            "read",
            table.getValue(),
            changed.of(table.getKey(), StepReport::rowsRead));
      }
      if (!verified) {
        problems.add("Datomize's verification after the watermarked sync failed");
      }
      return problems;
    }

    private static void expect(
        List<String> problems, String table, String what, long expected, long reported) {
      if (expected != reported) {
        problems.add(
            table
                + ": "
                + expected
                + " rows "
                + what
                + " in the source, the sync reports "
                + reported);
      }
    }
  }
}
