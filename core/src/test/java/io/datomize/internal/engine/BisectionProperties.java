package io.datomize.internal.engine;

import static io.datomize.internal.engine.FakeRuns.ITEM_NAME;
import static io.datomize.internal.engine.FakeRuns.LOAD_ITEMS;
import static io.datomize.internal.engine.FakeRuns.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.RowKey;
import io.datomize.target.Attribute;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class BisectionProperties {
  @Property(tries = 200)
  void the_rows_the_target_refuses_are_rejected_exactly_and_every_other_row_loads(
      @ForAll("refusals") List<Boolean> refusals,
      @ForAll @IntRange(min = 1, max = 16) int batchSize,
      @ForAll @IntRange(min = 1, max = 4) int inFlight,
      @ForAll boolean completeOnWait) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = 1; id <= refusals.size(); id++) {
      rows.add(new Object[] {id, "item " + id});
    }
    Set<Long> refused =
        LongStream.rangeClosed(1, refusals.size())
            .filter(id -> refusals.get((int) id - 1))
            .boxed()
            .collect(Collectors.toSet());
    InMemorySource source = new InMemorySource().table(FakeRuns.items(), rows);
    InMemoryTarget target =
        new InMemoryTarget().refuse(refused.stream().map(FakeRuns::item).toList());
    if (completeOnWait) {
      target.completeOnWait();
    }
    long refusedInOneBatch =
        refused.stream()
            .collect(Collectors.groupingBy(id -> (id - 1) / batchSize))
            .values()
            .stream()
            .mapToLong(List::size)
            .max()
            .orElse(0);
    Statistics.label("a batch with several refused rows").collect(refusedInOneBatch > 1);
    Statistics.label("a batch with several refused rows")
        .coverage(
            coverage -> {
              coverage.check(true).percentage(p -> p > 25);
              coverage.check(false).percentage(p -> p > 5);
            });
    Path directory = FakeRuns.temporaryDirectory();
    try {
      MigrationReport report =
          FakeRuns.engine(
                  FakeRuns.plan(source),
                  source,
                  target,
                  ErrorPolicy.maxRejects(Long.MAX_VALUE),
                  directory,
                  batchSize,
                  inFlight)
              .start();

      StepReport step = report.steps().get(0);
      Set<String> rejected;
      try (RejectJournal journal = RejectJournal.open(directory, report.runId())) {
        rejected = journal.rejectedKeys(LOAD_ITEMS);
      }
      assertThat(rejected)
          .isEqualTo(
              refused.stream().map(id -> RowKey.of(id).encode()).collect(Collectors.toSet()));
      assertThat(step.rowsRejected()).isEqualTo(refused.size());
      assertThat(step.rowsLoaded()).isEqualTo(refusals.size() - refused.size());
      for (long id = 1; id <= refusals.size(); id++) {
        Optional<Map<Attribute, Object>> entity = target.entity(item(id));
        if (refused.contains(id)) {
          assertThat(entity).as("refused item %s", id).isEmpty();
        } else {
          assertThat(entity).as("item %s", id).contains(Map.of(ITEM_NAME, "item " + id));
        }
      }
      assertThat(Checkpoints.resumeAfter(target.committedBatches(report.runId(), LOAD_ITEMS)))
          .contains(RowKey.of((long) refusals.size()));
      int batches = (refusals.size() + batchSize - 1) / batchSize;
      assertThat(target.committedBatches(report.runId(), LOAD_ITEMS))
          .extracting(CommittedBatch::sequence)
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, batches).boxed().toList());
      assertThat(target.maxPending()).isLessThanOrEqualTo(inFlight);
    } finally {
      FakeRuns.delete(directory);
    }
  }

  /** For each row of 1 to 60, whether the target refuses it; about one row in four is refused. */
  @Provide
  Arbitrary<List<Boolean>> refusals() {
    return Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(3, false))
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }
}
