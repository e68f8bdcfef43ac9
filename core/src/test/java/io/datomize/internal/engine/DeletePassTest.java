package io.datomize.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.plan.Plan;
import io.datomize.report.MigrationReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import io.datomize.testing.ForwardingTarget;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key-only pass finds the rows deleted since the load, by merging ordered integer keys or by
 * lookups, and exactly those.
 */
class DeletePassTest {
  private final Path runs = FakeRuns.temporaryDirectory();

  @AfterEach
  void deleteRuns() {
    FakeRuns.delete(runs);
  }

  @Test
  void retracts_the_entities_of_deleted_rows_merging_ordered_keys() {
    assertThat(syncAfterDeletes(new InMemoryTarget())).containsExactly(1L, 3L, 4L, 6L, 8L);
  }

  @Test
  void falls_back_to_lookups_when_the_target_gives_its_identities_out_of_order() {
    InMemoryTarget memory = new InMemoryTarget();
    TargetSink reversed =
        new ForwardingTarget(memory) {
          @Override
          public Stream<Object> identityValues(Attribute identity) {
            List<Object> values = new ArrayList<>(super.identityValues(identity).toList());
            java.util.Collections.reverse(values);
            return values.stream();
          }
        };

    assertThat(syncAfterDeletes(reversed, memory)).containsExactly(1L, 3L, 4L, 6L, 8L);
  }

  private List<Long> syncAfterDeletes(InMemoryTarget target) {
    return syncAfterDeletes(target, target);
  }

  /** Loads items 1 to 8, deletes 2, 5 and 7 (and adds 9), syncs; the ids left in the target. */
  private List<Long> syncAfterDeletes(TargetSink sink, InMemoryTarget memory) {
    InMemorySource source =
        new InMemorySource().table(FakeRuns.items(), items(1, 2, 3, 4, 5, 6, 7, 8));
    Plan plan = FakeRuns.plan(source);
    FakeRuns.engine(plan, source, sink, ErrorPolicy.failFast(), runs, 2, 2).start();
    source.replaceRows(FakeRuns.ITEMS, items(1, 3, 4, 6, 8));

    MigrationReport sync =
        FakeRuns.engine(plan, source, sink, ErrorPolicy.failFast(), runs, 2, 2).sync();

    assertThat(sync.steps().get(0).entitiesDeleted()).isEqualTo(3);
    assertThat(sync.steps().get(0).keysChecked()).isEqualTo(8);
    return memory.entities().keySet().stream()
        .map(identity -> (Long) identity.value())
        .sorted()
        .toList();
  }

  private static List<Object[]> items(long... ids) {
    List<Object[]> rows = new ArrayList<>();
    for (long id : ids) {
      rows.add(new Object[] {id, "item " + id});
    }
    return rows;
  }
}
