package io.datomize.plan;

import static io.datomize.testing.Fixtures.entity;
import static io.datomize.testing.Fixtures.fk;
import static io.datomize.testing.Fixtures.ref;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;

/**
 * A random schema as a graph: table {@code t<i>} has a one- or two-column key, and foreign key
 * {@code r<e>} of edge {@code e = (from, to)} makes {@code t<from>} reference {@code t<to>} through
 * ref {@code :t<from>/r<e>}.
 */
record FkGraph(int tables, boolean[] composite, List<int[]> edges) {
  static String tableName(int i) {
    return "t" + i;
  }

  List<String> key(int table) {
    return composite[table] ? List.of("k1", "k2") : List.of("id");
  }

  private List<String> fkColumns(int edge) {
    int target = edges.get(edge)[1];
    return composite[target] ? List.of("r" + edge + "_1", "r" + edge + "_2") : List.of("r" + edge);
  }

  boolean hasSelfReference() {
    return edges.stream().anyMatch(e -> e[0] == e[1]);
  }

  boolean hasCompositeKey() {
    for (boolean c : composite) {
      if (c) {
        return true;
      }
    }
    return false;
  }

  SourceSchema schema() {
    SourceSchema.Builder schema = SourceSchema.builder();
    for (int t = 0; t < tables; t++) {
      List<String> other = new ArrayList<>();
      Table.Builder table = Fixtures.table(tableName(t), key(t), List.of());
      for (int e = 0; e < edges.size(); e++) {
        if (edges.get(e)[0] == t) {
          other.addAll(fkColumns(e));
          table.addForeignKeys(
              fk("fk" + e, fkColumns(e), tableName(edges.get(e)[1]), key(edges.get(e)[1])));
        }
      }
      other.forEach(c -> table.addColumns(Fixtures.column(c, TypeFamily.INTEGER, true)));
      schema.addTables(table.build());
    }
    return schema.build();
  }

  Mapping mapping() {
    Mapping.Builder mapping = Mapping.builder();
    for (int t = 0; t < tables; t++) {
      EntityMapping.Builder entity = entity(tableName(t), tableName(t), key(t));
      for (int e = 0; e < edges.size(); e++) {
        if (edges.get(e)[0] == t) {
          entity.addRefs(
              ref(
                  ":" + tableName(t) + "/r" + e,
                  fkColumns(e),
                  tableName(edges.get(e)[1]),
                  key(edges.get(e)[1])));
        }
      }
      mapping.addEntities(entity.build());
    }
    return mapping.build();
  }

  /** The fewest refs whose deferral leaves no cycle, by trying every set of refs. */
  int bruteForceMinimumDeferrals() {
    int self = (int) edges.stream().filter(e -> e[0] == e[1]).count();
    List<int[]> others = edges.stream().filter(e -> e[0] != e[1]).toList();
    int best = others.size();
    for (int removed = 0; removed < (1 << others.size()); removed++) {
      if (Integer.bitCount(removed) < best && acyclicWithout(others, removed)) {
        best = Integer.bitCount(removed);
      }
    }
    return self + best;
  }

  private boolean acyclicWithout(List<int[]> others, int removed) {
    int[] pending = new int[tables];
    for (int e = 0; e < others.size(); e++) {
      if ((removed & (1 << e)) == 0) {
        pending[others.get(e)[0]]++;
      }
    }
    ArrayList<Integer> ready = new ArrayList<>();
    for (int t = 0; t < tables; t++) {
      if (pending[t] == 0) {
        ready.add(t);
      }
    }
    int done = 0;
    while (!ready.isEmpty()) {
      int t = ready.remove(ready.size() - 1);
      done++;
      for (int e = 0; e < others.size(); e++) {
        if ((removed & (1 << e)) == 0
            && others.get(e)[1] == t
            && --pending[others.get(e)[0]] == 0) {
          ready.add(others.get(e)[0]);
        }
      }
    }
    return done == tables;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(tables + " tables, composite ");
    for (int t = 0; t < tables; t++) {
      out.append(composite[t] ? tableName(t) + " " : "");
    }
    out.append("refs");
    edges.forEach(e -> out.append(' ').append(e[0]).append("->").append(e[1]));
    return out.toString();
  }
}
