package io.datomize.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.Migration;
import io.datomize.catalog.TableName;
import io.datomize.mapping.Mappings;
import io.datomize.report.FollowReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.FollowOptions;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.spi.RowChange;
import io.datomize.spi.TxBatch;
import io.datomize.testing.InMemoryChangeSource;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The follower on the in-memory change source: streamed changes equal a fresh load of the final
 * source, a restart resumes after the target's last position, the source is confirmed only what the
 * target committed.
 */
class FollowTest {
  private static final TableName AUTHORS = TableName.of("public", "author");
  private static final TableName POSTS = TableName.of("public", "post");
  private static final TableName POST_TAGS = TableName.of("public", "post_tag");

  private final Path runs = FakeRuns.temporaryDirectory();

  @AfterEach
  void deleteRuns() {
    FakeRuns.delete(runs);
  }

  @Property(tries = 100)
  void following_changes_equals_a_fresh_load_of_the_final_source(
      @ForAll("rounds") List<List<SyncProperties.Op>> rounds,
      @ForAll @IntRange(min = 1, max = 4) int batchSize,
      @ForAll boolean pipelining) {
    Path directory = FakeRuns.temporaryDirectory();
    try {
      SyncProperties.Source model = SyncProperties.Source.initial();
      InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
      // a pipelining target, as a remote transactor: a batch commits only once waited for, so
      // the target does not show the transactions in flight
      InMemoryTarget target =
          pipelining ? new InMemoryTarget().completeOnWait() : new InMemoryTarget();
      FollowReport first = migration(source, directory, batchSize).to(target).follow(caughtUp());
      assertThat(first.snapshot()).isPresent();
      int changes = 0;
      for (List<SyncProperties.Op> round : rounds) {
        for (SyncProperties.Op op : round) {
          if (model.apply(op)) {
            changes++;
            commit(source, model);
          }
        }
        FollowReport report = migration(source, directory, batchSize).to(target).follow(caughtUp());
        assertThat(report.snapshot()).isEmpty();
        assertThat(report.rowsRejected()).isZero();
      }
      Statistics.label("changes").collect(changes == 0 ? "none" : changes < 5 ? "few" : "many");
      assertEqualsAFreshMigration(source, directory, batchSize, target);
    } finally {
      FakeRuns.delete(directory);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<List<SyncProperties.Op>>> rounds() {
    return new SyncProperties().rounds();
  }

  @Test
  void a_restart_resumes_after_the_targets_last_position_and_applies_nothing_twice() {
    SyncProperties.Source model = SyncProperties.Source.initial();
    InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
    InMemoryTarget target = new InMemoryTarget();
    migration(source, runs, 10).to(target).follow(caughtUp());
    model.authors.put(50L, "fifty");
    long position = commit(source, model);

    FollowReport report = migration(source, runs, 10).to(target).follow(caughtUp());
    FollowReport again = migration(source, runs, 10).to(target).follow(caughtUp());

    assertThat(report.transactions()).isEqualTo(1);
    assertThat(report.lastPosition()).hasValue(position);
    assertThat(target.lastSourcePosition("datomize")).hasValue(position);
    assertThat(again.resumedAfter()).hasValue(position);
    assertThat(again.transactions()).isZero();
    assertThat(source.slot("datomize")).contains(position);
  }

  @Test
  void a_row_changed_and_changed_back_while_its_first_change_is_in_flight_ends_as_the_source() {
    SyncProperties.Source model = SyncProperties.Source.initial();
    InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
    InMemoryTarget target = new InMemoryTarget().completeOnWait();
    migration(source, runs, 10).to(target).follow(caughtUp());
    long author = model.authors.keySet().iterator().next();
    String name = model.authors.get(author);
    model.authors.put(author, name + " changed");
    commit(source, model);
    model.authors.put(author, name);
    commit(source, model);

    FollowReport report = migration(source, runs, 10).to(target).follow(caughtUp());

    assertThat(report.transactions()).isEqualTo(2);
    assertEqualsAFreshMigration(source, runs, 10, target);
  }

  @Test
  void a_target_loaded_before_the_slot_existed_is_synced_from_the_snapshot_not_loaded_again() {
    SyncProperties.Source model = SyncProperties.Source.initial();
    InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
    InMemoryTarget target = new InMemoryTarget();
    migration(source, runs, 10).to(target).run();
    model.authors.remove(1L);
    model.postAuthors.replaceAll((post, author) -> Long.valueOf(1L).equals(author) ? null : author);
    model.authors.put(60L, "sixty");
    replaceAll(source, model);

    FollowReport followed = migration(source, runs, 10).to(target).follow(caughtUp());

    assertThat(followed.snapshot()).hasValueSatisfying(s -> assertThat(s.sync()).isTrue());
    assertEqualsAFreshMigration(source, runs, 10, target);
  }

  @Test
  void the_source_is_confirmed_only_what_the_target_committed() {
    SyncProperties.Source model = SyncProperties.Source.initial();
    InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
    InMemoryTarget target = new InMemoryTarget();
    migration(source, runs, 10).to(target).follow(caughtUp());
    model.authors.put(50L, "fifty");
    long good = commit(source, model);
    model.authors.put(51L, "fifty-one");
    long failing = commit(source, model);

    FailingTarget broken = new FailingTarget(target, failing);
    assertThatThrownBy(() -> migration(source, runs, 10).to(broken).follow(caughtUp()))
        .isInstanceOf(MigrationFailedException.class)
        .hasMessageContaining("the target failed");

    assertThat(source.confirmed()).doesNotContain(failing);
    assertThat(source.slot("datomize").orElseThrow()).isLessThan(failing);
    assertThat(target.lastSourcePosition("datomize")).hasValue(good);
    FollowReport restarted = migration(source, runs, 10).to(target).follow(caughtUp());
    assertThat(restarted.transactions()).isEqualTo(1);
    assertEqualsAFreshMigration(source, runs, 10, target);
  }

  @Test
  void stops_once_the_position_is_applied() {
    SyncProperties.Source model = SyncProperties.Source.initial();
    InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
    InMemoryTarget target = new InMemoryTarget();
    migration(source, runs, 10).to(target).follow(caughtUp());
    model.authors.put(50L, "fifty");
    long until = commit(source, model);
    model.authors.put(51L, "fifty-one");
    commit(source, model);

    FollowReport report =
        migration(source, runs, 10)
            .to(target)
            .follow(FollowOptions.builder().untilPosition(until).build());

    assertThat(report.stop()).isEqualTo(FollowReport.Stop.POSITION_REACHED);
    assertThat(report.lastPosition()).hasValue(until);
    assertThat(target.entity(io.datomize.target.LookupRef.of(AUTHOR_ID, 50L))).isPresent();
    assertThat(target.entity(io.datomize.target.LookupRef.of(AUTHOR_ID, 51L))).isEmpty();
  }

  @Test
  void changes_to_unmapped_tables_are_ignored_and_bad_rows_rejected_with_their_position()
      throws Exception {
    SyncProperties.Source model = SyncProperties.Source.initial();
    InMemoryChangeSource source = new InMemoryChangeSource(model.toRows(new InMemorySource()));
    InMemoryTarget target = new InMemoryTarget();
    migration(source, runs, 10).to(target).follow(caughtUp());
    long position =
        source.commit(
            List.of(
                RowChange.builder()
                    .kind(RowChange.Kind.INSERT)
                    .table(TableName.of("public", "audit"))
                    .newRow(source.row(AUTHORS, 7L, "not mapped"))
                    .build(),
                RowChange.builder()
                    .kind(RowChange.Kind.INSERT)
                    .table(AUTHORS)
                    .newRow(source.row(AUTHORS, "eight", "bad id"))
                    .build(),
                RowChange.builder()
                    .kind(RowChange.Kind.INSERT)
                    .table(AUTHORS)
                    .newRow(source.row(AUTHORS, 9L, "fine"))
                    .build()));

    FollowReport report = migration(source, runs, 10).to(target).follow(caughtUp());

    assertThat(report.changesIgnored()).isEqualTo(1);
    assertThat(report.rowsRejected()).isEqualTo(1);
    assertThat(target.entity(io.datomize.target.LookupRef.of(AUTHOR_ID, 9L))).isPresent();
    String rejects = Files.readString(report.rejectsFile().orElseThrow());
    assertThat(rejects).contains("position " + position).contains("eight");
  }

  @Test
  void a_source_that_cannot_stream_is_refused() {
    InMemorySource plain = SyncProperties.Source.initial().toRows(new InMemorySource());
    assertThatThrownBy(
            () ->
                Migration.from(plain)
                    .mapping(s -> Mappings.conventions(s).build())
                    .to(new InMemoryTarget())
                    .follow(FollowOptions.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ChangeSource");
  }

  private static final io.datomize.target.Attribute AUTHOR_ID =
      io.datomize.target.Attribute.of("author", "id");

  private static FollowOptions caughtUp() {
    return FollowOptions.builder()
        .untilCaughtUp(true)
        .idleWait(java.time.Duration.ofMillis(1))
        .positionFormat(p -> "position " + p)
        .build();
  }

  private static Migration.Mapped migration(InMemoryChangeSource source, Path runs, int batchSize) {
    return Migration.from(source)
        .mapping(s -> Mappings.conventions(s).build())
        .options(
            RunOptions.builder()
                .runDirectory(runs)
                .batchSize(batchSize)
                .transactionsInFlight(2)
                .errorPolicy(ErrorPolicy.defaults())
                .verify(false)
                .build());
  }

  /** Makes the source's rows those of the model in one source transaction; its position. */
  private static long commit(InMemoryChangeSource source, SyncProperties.Source model) {
    replaceAll(source, model);
    return source.commit();
  }

  /** The target holds what a fresh migration of the source, as it is now, would make. */
  private static void assertEqualsAFreshMigration(
      InMemoryChangeSource source, Path runs, int batchSize, InMemoryTarget target) {
    InMemoryTarget fresh = new InMemoryTarget();
    migration(source, runs, batchSize).to(fresh).run();
    assertThat(target.entities()).isEqualTo(fresh.entities());
  }

  private static void replaceAll(InMemoryChangeSource source, SyncProperties.Source model) {
    InMemorySource rows = model.toRows(new InMemorySource());
    for (var table : rows.readSchema().tables()) {
      List<Object[]> values = new ArrayList<>();
      try (var cursor =
          rows.read(
              io.datomize.spi.ReadRequest.builder()
                  .table(table.name())
                  .columns(table.columns().stream().map(c -> c.name()).toList())
                  .keyColumns(table.primaryKey())
                  .build())) {
        while (cursor.hasNext()) {
          var row = cursor.next();
          Object[] v = new Object[table.columns().size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = row.get(i);
          }
          values.add(v);
        }
      }
      source.replaceRows(table.name(), values);
    }
  }

  /** A target whose transaction of one source position fails as an unreachable target would. */
  private static final class FailingTarget extends io.datomize.testing.ForwardingTarget {
    private final long failing;

    FailingTarget(InMemoryTarget target, long failing) {
      super(target);
      this.failing = failing;
    }

    @Override
    public CompletableFuture<io.datomize.spi.BatchReceipt> submit(TxBatch batch) {
      if (batch.lastKey().equals(io.datomize.spi.RowKey.of(failing))) {
        return CompletableFuture.failedFuture(new IllegalStateException("transactor unreachable"));
      }
      return super.submit(batch);
    }
  }
}
