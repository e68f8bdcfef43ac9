package io.datomize.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.TableName;
import io.datomize.model.EntityMapping;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

@Domain(FkGraphs.class)
class PlanProperties {
  @Property
  void loads_every_table_once_after_what_it_references_and_links_every_deferred_ref_later(
      @ForAll FkGraph graph) {
    Plan plan = Planner.plan(graph.schema(), graph.mapping());

    assertValid(graph, plan);
    boolean cycles =
        plan.deferredRefs().stream().anyMatch(d -> d.reason() == DeferredRef.Reason.CYCLE);
    Statistics.label("cycle between tables").collect(cycles);
    Statistics.label("self-reference").collect(graph.hasSelfReference());
    Statistics.label("composite key").collect(graph.hasCompositeKey());
    Statistics.label("cycle between tables").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("self-reference").coverage(c -> c.check(true).percentage(p -> p > 20));
    Statistics.label("composite key").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  @Property
  void defers_no_more_refs_than_the_brute_force_minimum(@ForAll FkGraph graph) {
    Plan plan = Planner.plan(graph.schema(), graph.mapping());

    assertThat(plan.deferredRefs()).hasSize(graph.bruteForceMinimumDeferrals());
  }

  @Property(tries = 60)
  void plans_large_cycles_validly_with_the_heuristic(@ForAll("largeCycles") FkGraph graph) {
    Plan plan = Planner.plan(graph.schema(), graph.mapping());

    assertValid(graph, plan);
    long cyclic = graph.edges().stream().filter(e -> e[0] != e[1]).count();
    // any order or its reverse defers at most half of the refs; the heuristic must do no worse
    assertThat(
            plan.deferredRefs().stream()
                .filter(d -> d.reason() == DeferredRef.Reason.CYCLE)
                .count())
        .isLessThanOrEqualTo(cyclic / 2);
  }

  @Property
  void keeps_refs_that_must_never_be_deferred_inline_or_says_why_it_cannot(
      @ForAll FkGraph graph, @ForAll("seeds") long seed) {
    Set<Attribute> never = new HashSet<>();
    java.util.Random random = new java.util.Random(seed);
    graph
        .mapping()
        .entities()
        .forEach(
            e ->
                e.refs().stream()
                    .filter(r -> !r.target().equals(e.table()))
                    .filter(r -> random.nextInt(3) == 0)
                    .forEach(r -> never.add(r.attribute())));
    PlanOptions options = PlanOptions.builder().neverDeferred(never).build();
    boolean possible =
        new FkGraph(
                    graph.tables(),
                    graph.composite(),
                    graph.edges().stream()
                        .filter(e -> e[0] != e[1])
                        .filter(e -> never.contains(attributeOf(graph, e)))
                        .toList())
                .bruteForceMinimumDeferrals()
            == 0;

    if (possible) {
      Plan plan = Planner.plan(graph.schema(), graph.mapping(), options);
      assertValid(graph, plan);
      assertThat(plan.deferredRefs()).noneMatch(d -> never.contains(d.ref().attribute()));
    } else {
      assertThatThrownBy(() -> Planner.plan(graph.schema(), graph.mapping(), options))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("form a cycle");
    }
    Statistics.label("forced choice possible").collect(possible);
  }

  @Property(tries = 200)
  void plans_the_same_input_to_equal_plans(@ForAll FkGraph graph) {
    assertThat(Planner.plan(graph.schema(), graph.mapping()))
        .isEqualTo(Planner.plan(graph.schema(), graph.mapping()));
  }

  @Provide
  Arbitrary<FkGraph> largeCycles() {
    return FkGraphs.largeCycles();
  }

  @Provide
  Arbitrary<Long> seeds() {
    return net.jqwik.api.Arbitraries.longs();
  }

  private static Attribute attributeOf(FkGraph graph, int[] edge) {
    return Attribute.of(FkGraph.tableName(edge[0]), "r" + graph.edges().indexOf(edge));
  }

  private static void assertValid(FkGraph graph, Plan plan) {
    List<PlanStep> steps = plan.steps();
    Map<TableName, Integer> loadedAt = new HashMap<>();
    int lastLoad = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof LoadStep load) {
        assertThat(loadedAt.put(load.table(), i)).as("%s loaded once", load.table()).isNull();
        lastLoad = i;
      }
    }
    assertThat(loadedAt).hasSize(graph.tables());
    Set<RefMapping> deferred = new HashSet<>();
    plan.deferredRefs().forEach(d -> deferred.add(d.ref()));
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof LinkStep link) {
        assertThat(i).as("%s after every load", link.id()).isGreaterThan(lastLoad);
        assertThat(deferred).containsAll(link.deferredRefs());
      }
    }
    assertThat(plan.steps(LinkStep.class).stream().mapToInt(l -> l.deferredRefs().size()).sum())
        .isEqualTo(deferred.size());
    for (EntityMapping entity : graph.mapping().entities()) {
      for (RefMapping ref : entity.refs()) {
        if (!deferred.contains(ref)) {
          assertThat(loadedAt.get(ref.target()))
              .as("%s loaded before %s references it", ref.target(), entity.table())
              .isLessThan(loadedAt.get(entity.table()));
        }
      }
    }
  }
}
