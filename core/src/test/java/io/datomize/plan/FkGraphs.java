package io.datomize.plan;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * Random schemas with foreign keys: cycles, self-references, parallel refs and composite keys
 * included.
 */
class FkGraphs extends DomainContextBase {
  /** Small enough for a brute-force check of the fewest deferrals: up to 7 tables and 12 refs. */
  @Provide
  Arbitrary<FkGraph> graphs() {
    return graphs(1, 7, 12);
  }

  static Arbitrary<FkGraph> graphs(int minTables, int maxTables, int maxRefs) {
    return Arbitraries.integers()
        .between(minTables, maxTables)
        .flatMap(
            n ->
                Combinators.combine(
                        Arbitraries.of(true, false, false).list().ofSize(n),
                        Arbitraries.integers()
                            .between(0, n - 1)
                            .list()
                            .ofSize(2)
                            .list()
                            .ofMaxSize(maxRefs))
                    .as((composite, edges) -> graph(n, composite, edges)));
  }

  /** Large graphs whose tables all lie on one cycle, so the planner must use its heuristic. */
  static Arbitrary<FkGraph> largeCycles() {
    return Arbitraries.integers()
        .between(CycleBreaker.EXACT_LIMIT + 1, 40)
        .flatMap(
            n ->
                Combinators.combine(
                        Arbitraries.of(true, false, false).list().ofSize(n),
                        Arbitraries.integers()
                            .between(0, n - 1)
                            .list()
                            .ofSize(2)
                            .list()
                            .ofMaxSize(3 * n))
                    .as(
                        (composite, extra) -> {
                          List<List<Integer>> edges = new ArrayList<>();
                          for (int t = 0; t < n; t++) {
                            edges.add(List.of(t, (t + 1) % n));
                          }
                          edges.addAll(extra);
                          return graph(n, composite, edges);
                        }));
  }

  private static FkGraph graph(int n, List<Boolean> composite, List<List<Integer>> edges) {
    boolean[] flags = new boolean[n];
    for (int t = 0; t < n; t++) {
      flags[t] = composite.get(t);
    }
    return new FkGraph(n, flags, edges.stream().map(e -> new int[] {e.get(0), e.get(1)}).toList());
  }
}
