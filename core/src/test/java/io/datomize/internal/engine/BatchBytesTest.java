package io.datomize.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;
import io.datomize.run.FollowOptions;
import io.datomize.run.RunOptions;
import io.datomize.spi.TxBatch;
import io.datomize.testing.InMemoryChangeSource;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch ends at the run's rows or bytes, whichever comes first, in a load, a sync and a follow
 * alike, and every row still arrives.
 */
class BatchBytesTest {
  private static final TableName DOCUMENTS = TableName.of("public", "document");

  /** An id and a body of 1,000 characters: five rows pass the limit, four do not. */
  private static final long BATCH_BYTES = 5 * (16 + 16 + 1_000) - 1;

  private final Path runs = FakeRuns.temporaryDirectory();

  @AfterEach
  void deleteRuns() {
    FakeRuns.delete(runs);
  }

  private static Table documents() {
    return Table.builder()
        .name(DOCUMENTS)
        .primaryKey(List.of("id"))
        .addColumns(
            Column.of("id", ColumnType.of("bigint", TypeFamily.INTEGER), false),
            Column.of("body", ColumnType.of("text", TypeFamily.TEXT), true))
        .build();
  }

  private static List<Object[]> rows(int count, int bodyChars, char fill) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = 1; id <= count; id++) {
      rows.add(new Object[] {id, String.valueOf(fill).repeat(bodyChars)});
    }
    return rows;
  }

  private Migration.Mapped migration(InMemoryChangeSource source) {
    return Migration.from(source)
        .mapping(s -> Mappings.conventions(s).build())
        .options(
            RunOptions.builder()
                .runDirectory(runs)
                .batchSize(1_000)
                .batchBytes(BATCH_BYTES)
                .verify(false)
                .build());
  }

  private static List<Integer> batchSizes(List<TxBatch> batches) {
    return batches.stream().map(TxBatch::entities).map(List::size).toList();
  }

  @Test
  void a_load_and_a_sync_cut_their_batches_at_the_byte_limit() {
    InMemoryChangeSource source =
        new InMemoryChangeSource(new InMemorySource().table(documents(), rows(23, 1_000, 'a')));
    InMemoryTarget target = new InMemoryTarget();

    MigrationReport load = migration(source).to(target).run();
    int loaded = target.submitted().size();
    source.replaceRows(DOCUMENTS, rows(23, 1_000, 'b'));
    MigrationReport sync = migration(source).to(target).sync();

    List<TxBatch> batches = target.submitted();
    assertThat(load.steps().get(0).rowsLoaded()).isEqualTo(23);
    assertThat(batchSizes(batches.subList(0, loaded))).containsExactly(5, 5, 5, 5, 3);
    assertThat(sync.steps().get(0).rowsUpdated()).isEqualTo(23);
    assertThat(batchSizes(batches.subList(loaded, batches.size()))).containsExactly(5, 5, 5, 5, 3);
    assertThat(target.entities().values())
        .allSatisfy(e -> assertThat(e.values()).contains("b".repeat(1_000)));
  }

  @Test
  void a_follow_cuts_a_large_source_transaction_into_batches_at_the_byte_limit() {
    InMemoryChangeSource source =
        new InMemoryChangeSource(new InMemorySource().table(documents(), rows(12, 1_000, 'a')));
    InMemoryTarget target = new InMemoryTarget();
    FollowOptions caughtUp =
        FollowOptions.builder().untilCaughtUp(true).idleWait(Duration.ofMillis(1)).build();
    migration(source).to(target).follow(caughtUp);
    int before = target.submitted().size();

    source.replaceRows(DOCUMENTS, rows(12, 1_000, 'c'));
    long position = source.commit();
    migration(source).to(target).follow(caughtUp);

    List<TxBatch> followed = target.submitted().subList(before, target.submitted().size());
    assertThat(followed).extracting(b -> b.entities().size()).containsExactly(5, 5, 2);
    assertThat(followed.get(2).sourcePosition()).hasValue(position);
    assertThat(followed.get(0).sourcePosition()).isEmpty();
    assertThat(target.entities().values())
        .allSatisfy(e -> assertThat(e.values()).contains("c".repeat(1_000)));
  }

  @Test
  void a_row_larger_than_the_limit_is_a_batch_of_its_own() {
    InMemoryChangeSource source =
        new InMemoryChangeSource(new InMemorySource().table(documents(), rows(4, 10_000, 'a')));
    InMemoryTarget target = new InMemoryTarget();

    MigrationReport load = migration(source).to(target).run();

    assertThat(load.steps().get(0).rowsLoaded()).isEqualTo(4);
    assertThat(batchSizes(target.submitted())).containsExactly(1, 1, 1, 1);
  }
}
