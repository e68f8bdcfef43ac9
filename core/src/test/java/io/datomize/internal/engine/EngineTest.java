package io.datomize.internal.engine;

import static io.datomize.internal.engine.FakeRuns.ITEM_NAME;
import static io.datomize.internal.engine.FakeRuns.LOAD_ITEMS;
import static io.datomize.internal.engine.FakeRuns.ORDERS;
import static io.datomize.internal.engine.FakeRuns.ORDER_ID;
import static io.datomize.internal.engine.FakeRuns.ORDER_ITEM;
import static io.datomize.internal.engine.FakeRuns.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.plan.Plan;
import io.datomize.report.MigrationReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.MigrationFailedException;
import io.datomize.spi.RowKey;
import io.datomize.spi.UnreadableValue;
import io.datomize.target.LookupRef;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import io.datomize.verify.TableVerification;
import io.datomize.verify.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the in-memory fakes: error policies, the in-flight bound, the reject journal and
 * the verifier.
 */
class EngineTest {
  private static final UnreadableValue BAD = UnreadableValue.of("\\xff", "not valid UTF-8");

  @TempDir Path runs;

  /**
   * Items 1 to {@code count}, named "item n", those of {@code unreadable} with a name that cannot
   * be read.
   */
  private static InMemorySource items(int count, Long... unreadable) {
    Set<Long> bad = Set.of(unreadable);
    List<Object[]> rows = new ArrayList<>();
    for (long id = 1; id <= count; id++) {
      rows.add(new Object[] {id, bad.contains(id) ? BAD : "item " + id});
    }
    return new InMemorySource().table(FakeRuns.items(), rows);
  }

  private MigrationRun engine(
      InMemorySource source,
      InMemoryTarget target,
      ErrorPolicy policy,
      int batchSize,
      int inFlight) {
    return FakeRuns.engine(
        FakeRuns.plan(source), source, target, policy, runs, batchSize, inFlight);
  }

  private Set<String> rejectedKeys(String runId) {
    try (RejectJournal journal = RejectJournal.open(runs, runId)) {
      return journal.rejectedKeys(LOAD_ITEMS);
    }
  }

  private static Set<String> keys(long... ids) {
    return LongStream.of(ids).mapToObj(id -> RowKey.of(id).encode()).collect(Collectors.toSet());
  }

  private static Set<Long> loaded(InMemoryTarget target, int count) {
    return LongStream.rangeClosed(1, count)
        .filter(id -> target.entity(item(id)).isPresent())
        .boxed()
        .collect(Collectors.toSet());
  }

  private static Set<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
  }

  @Test
  void fail_fast_stops_at_the_first_row_that_does_not_convert() {
    InMemoryTarget target = new InMemoryTarget();

    assertThatThrownBy(() -> engine(items(40, 12L), target, ErrorPolicy.failFast(), 5, 2).start())
        .isInstanceOfSatisfying(
            MigrationFailedException.class,
            e -> {
              assertThat(e)
                  .hasMessageContaining("stopped after 1 rejected rows")
                  .hasMessageContaining("id=12");
              assertThat(rejectedKeys(e.runId())).isEqualTo(keys(12));
            });
    // the batches before the one of row 12 committed; nothing of it or after was sent
    assertThat(loaded(target, 40)).isEqualTo(range(1, 10));
    assertThat(target.submitted())
        .allSatisfy(batch -> assertThat((Long) batch.lastKey().get(0)).isLessThanOrEqualTo(10));
  }

  @Test
  void fail_fast_stops_at_the_first_row_the_target_refuses() {
    InMemoryTarget target = new InMemoryTarget().refuse(List.of(item(7)));

    assertThatThrownBy(() -> engine(items(40), target, ErrorPolicy.failFast(), 5, 1).start())
        .isInstanceOfSatisfying(
            MigrationFailedException.class,
            e -> {
              assertThat(e)
                  .hasMessageContaining("stopped after 1 rejected rows")
                  .hasMessageContaining("refuses");
              assertThat(rejectedKeys(e.runId())).isEqualTo(keys(7));
            });
    assertThat(loaded(target, 40)).doesNotContain(7L).doesNotContainAnyElementsOf(range(11, 40));
  }

  @Test
  void at_most_n_rejected_rows_goes_on_through_n_of_them() {
    InMemoryTarget target = new InMemoryTarget().refuse(List.of(item(30)));

    MigrationReport report =
        engine(items(60, 5L, 17L), target, ErrorPolicy.maxRejects(3), 8, 3).start();

    assertThat(report.steps().get(0).rowsRejected()).isEqualTo(3);
    assertThat(rejectedKeys(report.runId())).isEqualTo(keys(5, 17, 30));
    Set<Long> expected = range(1, 60);
    expected.removeAll(Set.of(5L, 17L, 30L));
    assertThat(loaded(target, 60)).isEqualTo(expected);
  }

  @Test
  void
      at_most_n_rejected_rows_stops_at_the_next_counting_conversion_errors_and_refusals_together() {
    InMemoryTarget target = new InMemoryTarget().refuse(List.of(item(30)));

    assertThatThrownBy(
            () ->
                engine(items(60, 5L, 17L, 41L, 50L), target, ErrorPolicy.maxRejects(3), 8, 1)
                    .start())
        .isInstanceOfSatisfying(
            MigrationFailedException.class,
            e -> {
              assertThat(e)
                  .hasMessageContaining("stopped after 4 rejected rows")
                  .hasMessageContaining("id=41");
              assertThat(rejectedKeys(e.runId())).isEqualTo(keys(5, 17, 30, 41));
            });
    assertThat(loaded(target, 60)).doesNotContainAnyElementsOf(range(41, 60));
  }

  @Test
  void no_more_batches_are_pending_than_the_in_flight_limit_and_the_limit_is_used() {
    for (int inFlight : List.of(1, 2, 3, 5)) {
      InMemoryTarget target = new InMemoryTarget().completeOnWait();

      MigrationReport report =
          engine(items(100), target, ErrorPolicy.failFast(), 4, inFlight).start();

      assertThat(target.maxPending()).as("in flight %s", inFlight).isEqualTo(inFlight);
      assertThat(report.steps().get(0).rowsLoaded()).isEqualTo(100);
      assertThat(target.countEntities(FakeRuns.ITEM_ID)).isEqualTo(100);
    }
  }

  @Test
  void the_in_flight_limit_holds_while_refused_batches_are_bisected() {
    InMemoryTarget target =
        new InMemoryTarget().completeOnWait().refuse(List.of(item(3), item(4), item(20), item(77)));

    MigrationReport report = engine(items(100), target, ErrorPolicy.maxRejects(10), 8, 3).start();

    assertThat(target.maxPending()).isEqualTo(3);
    assertThat(rejectedKeys(report.runId())).isEqualTo(keys(3, 4, 20, 77));
    assertThat(report.steps().get(0).rowsLoaded()).isEqualTo(96);
  }

  @Test
  void the_reject_journal_names_each_row_once_even_when_a_resumed_run_rejects_it_again()
      throws IOException {
    InMemorySource source = items(30, 5L);
    InMemoryTarget target = new InMemoryTarget().refuse(List.of(item(25)));
    MigrationFailedException stopped =
        assertThrows(
            MigrationFailedException.class,
            () -> engine(source, target, ErrorPolicy.maxRejects(1), 10, 1).start());

    MigrationReport resumed =
        engine(source, target.reopen().refuse(List.of(item(25))), ErrorPolicy.maxRejects(5), 10, 1)
            .resume(stopped.runId());

    assertThat(rejectedKeys(stopped.runId())).isEqualTo(keys(5, 25));
    assertThat(resumed.steps().get(0).resumedAfter()).contains("20");
    assertThat(loaded(target, 30)).hasSize(28).doesNotContain(5L, 25L);
    List<String> lines =
        Files.readAllLines(resumed.rejectsFile().orElseThrow(), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode unreadable = json.readTree(lines.get(0));
    assertThat(unreadable.get("step").asText()).isEqualTo(LOAD_ITEMS);
    assertThat(unreadable.get("table").asText()).isEqualTo("public.item");
    assertThat(unreadable.get("key").get("id").asText()).isEqualTo("5");
    assertThat(unreadable.get("column").asText()).isEqualTo("name");
    assertThat(unreadable.get("reason").asText()).contains("not valid UTF-8");
    JsonNode refused = json.readTree(lines.get(1));
    assertThat(refused.get("key").get("id").asText()).isEqualTo("25");
    assertThat(refused.get("reason").asText())
        .contains("the target refused the row", "refuses entity");
  }

  /** Items 1 to 20 and orders 1 to 10 of item {@code 2 * n}, but order 10 of no item. */
  private static InMemorySource shop() {
    List<Object[]> orders = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      orders.add(new Object[] {id, id == 10 ? null : 2 * id});
    }
    return items(20).table(FakeRuns.orders(), orders);
  }

  private static TableVerification table(VerificationReport report, String table) {
    return report.tables().stream()
        .filter(t -> t.table().name().equals(table))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void
      the_verifier_passes_a_faithful_target_and_reports_a_missing_entity_a_wrong_value_and_a_missing_ref() {
    InMemorySource source = shop();
    InMemoryTarget target = new InMemoryTarget();
    Plan plan = FakeRuns.plan(source);
    MigrationRun engine = FakeRuns.engine(plan, source, target, ErrorPolicy.failFast(), runs, 4, 2);
    String runId = engine.start().runId();

    VerificationReport faithful = engine.verifyOnly(Optional.of(runId));

    assertThat(faithful.passed()).as("%s", faithful).isTrue();
    assertThat(table(faithful, "item").compared()).isEqualTo(20);
    assertThat(table(faithful, "order").sourceRefs()).isEqualTo(9);
    assertThat(table(faithful, "order").targetRefs()).isEqualTo(9);

    target.delete(item(3));
    target.overwrite(item(4), ITEM_NAME, "wrong");
    target.retract(LookupRef.of(ORDER_ID, 2L), ORDER_ITEM);
    VerificationReport tampered = engine.verifyOnly(Optional.of(runId));

    assertThat(tampered.passed()).isFalse();
    TableVerification items = table(tampered, "item");
    assertThat(items.entities()).isEqualTo(19);
    assertThat(items.sourceRows()).isEqualTo(20);
    assertThat(items.mismatches()).isEqualTo(2);
    assertThat(items.examples())
        .anySatisfy(e -> assertThat(e).contains("(3)", "no entity"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "(4)", ITEM_NAME.toString(), "'wrong' in the target", "'item 4' expected"));
    TableVerification orders = table(tampered, "order");
    assertThat(orders.table()).isEqualTo(ORDERS);
    assertThat(orders.targetRefs()).isEqualTo(8);
    assertThat(orders.sourceRefs()).isEqualTo(9);
    assertThat(orders.examples())
        .singleElement()
        .satisfies(e -> assertThat(e).contains("(2)", ORDER_ITEM.toString()));
  }
}
