package io.datomize.examples.e2e;

import static io.datomize.examples.e2e.FollowFixture.currentLsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.e2e.FollowFixture.Progress;
import io.datomize.examples.e2e.FollowFixture.Running;
import io.datomize.examples.e2e.FollowFixture.Writer;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.FollowReport;
import io.datomize.run.FollowOptions;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a live Queryfeed database into Datomic: whatever a writer does meanwhile, and however
 * the follower is stopped and restarted, the target drained to the source's last position equals a
 * fresh migration of the source as it ends, and following again to that position applies nothing.
 */
class FollowMigrationTest {
  private static final int ROWS = 2_000;
  private static final Duration IDLE = Duration.ofMillis(500);

  @TempDir Path runs;

  @Test
  void a_follower_loading_and_streaming_under_concurrent_writes_ends_equal_to_a_fresh_migration() {
    SyncFixture source = queryfeed("follow_concurrent");
    String uri = SyncFixture.uri();
    Progress progress = new Progress();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      Writer writer = new Writer(source.database(), 1).start();
      writer.awaitWritten(20);
      Running follower =
          new Running(
              () ->
                  source
                      .migration()
                      .to(target)
                      .follow(follow("concurrent").untilCaughtUp(true).listener(progress).build()),
              progress);
      progress.awaitTransactions(30);
      writer.close();
      long end = currentLsn(source.database());
      FollowReport first = follower.report();

      assertThat(first.snapshot()).isPresent();
      assertThat(first.snapshot().get().succeeded()).as(first.snapshot().get().summary()).isTrue();
      assertThat(first.transactions()).isGreaterThanOrEqualTo(30);
      assertThat(first.rowsRejected()).isZero();
      FollowReport drained = drain(source, target, "concurrent", end);
      assertThat(drained.snapshot()).isEmpty();
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      nothingMoreApplied(source, target, uri, "concurrent", end);
    }
  }

  @Test
  void a_follower_interrupted_mid_stream_resumes_to_the_same_database() {
    AtomicReference<FollowReport> interrupted = new AtomicReference<>();

    FollowReport resumed =
        resumedAfterStopping(
            "interrupted",
            2,
            (source, follower) -> {
              follower.interrupt();
              interrupted.set(follower.report());
            });

    assertThat(interrupted.get().stop()).isEqualTo(FollowReport.Stop.INTERRUPTED);
    assertThat(resumed.resumedAfter()).isEqualTo(interrupted.get().lastPosition());
  }

  @Test
  void a_follower_whose_replication_connection_is_killed_resumes_to_the_same_database() {
    FollowReport resumed =
        resumedAfterStopping(
            "killed",
            3,
            (source, follower) -> {
              assertThat(
                      source.count(
                          "SELECT count(pg_terminate_backend(r.pid)) FROM pg_stat_replication r"
                              + " JOIN pg_replication_slots s ON s.active_pid = r.pid"
                              + " WHERE s.slot_name = 'killed'"))
                  .isEqualTo(1);
              assertThat(catchThrowable(follower::report))
                  .isInstanceOf(MigrationFailedException.class)
                  .hasMessageContaining("following killed stopped")
                  .hasMessageContaining("follow again");
            });

    assertThat(resumed.resumedAfter()).isPresent();
  }

  /**
   * Follows a source under a writer, stops the follower with {@code stop} once it applied 20
   * transactions, lets the writer go on, then follows again to where the writer ended. The target
   * then equals a fresh migration and a third follow applies nothing.
   *
   * @return the report of the follow that resumed
   */
  private FollowReport resumedAfterStopping(
      String slot, long writerSeed, BiConsumer<SyncFixture, Running> stop) {
    SyncFixture source = queryfeed("follow_" + slot);
    String uri = SyncFixture.uri();
    Progress progress = new Progress();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build();
        Writer writer = new Writer(source.database(), writerSeed).start()) {
      Running follower =
          new Running(
              () -> source.migration().to(target).follow(follow(slot).listener(progress).build()),
              progress);
      progress.awaitTransactions(20);
      stop.accept(source, follower);
      writer.awaitWritten(writer.written() + 20);
      writer.close();
      long end = currentLsn(source.database());

      FollowReport resumed = drain(source, target, slot, end);

      assertThat(resumed.transactions()).isPositive();
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      nothingMoreApplied(source, target, uri, slot, end);
      return resumed;
    }
  }

  @Test
  void a_table_created_while_following_stops_the_follower_with_what_to_do() {
    SyncFixture source = queryfeed("follow_new_table");
    String uri = SyncFixture.uri();
    Progress progress = new Progress();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      long start = currentLsn(source.database());
      Running follower =
          new Running(
              () ->
                  source
                      .migration()
                      .to(target)
                      .follow(follow("new_table").listener(progress).build()),
              progress);
      progress.awaitApplied(start);

      source.execute("CREATE TABLE badges (id bigint PRIMARY KEY, label text)");

      assertThat(catchThrowable(follower::report))
          .isInstanceOf(MigrationFailedException.class)
          .hasMessageContaining("created: [public.badges]")
          .hasMessageContaining("then follow again");
    }
  }

  /** A second follow to the same position finds nothing to apply and transacts no data. */
  private void nothingMoreApplied(
      SyncFixture source, DatomicTarget target, String uri, String id, long end) {
    long basis = SyncFixture.basisT(uri);
    FollowReport again =
        source
            .migration()
            .to(target)
            .follow(follow(id).untilPosition(end).dropSlotWhenDone(true).build());
    assertThat(again.stop()).isEqualTo(FollowReport.Stop.POSITION_REACHED);
    assertThat(again.transactions()).isZero();
    assertThat(again.slotDropped()).isTrue();
    assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis)).isEmpty();
  }

  private FollowReport drain(SyncFixture source, DatomicTarget target, String id, long end) {
    FollowReport drained =
        source.migration().to(target).follow(follow(id).untilPosition(end).build());
    assertThat(drained.stop()).isEqualTo(FollowReport.Stop.POSITION_REACHED);
    assertThat(drained.rowsRejected()).isZero();
    return drained;
  }

  private static FollowOptions.Builder follow(String id) {
    return FollowOptions.builder().followId(id).idleWait(IDLE);
  }

  private SyncFixture queryfeed(String name) {
    DataSource database = EmbeddedPostgresServer.shared().createDatabase(name);
    QueryfeedDatabase.create(database, ROWS);
    return new SyncFixture(
        database, RunOptions.builder().batchSize(100).runDirectory(runs).build());
  }
}
