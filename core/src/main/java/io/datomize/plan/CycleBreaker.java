package io.datomize.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses the refs to defer so that the rest can be loaded in topological order, deferring as few
 * as possible: a minimum feedback arc set. Edges run from the referencing table to the referenced
 * one; a ref is deferred when its table is loaded before the table it references.
 *
 * <p>Only refs inside a strongly connected component (Tarjan) can close a cycle, so each component
 * is solved on its own. A component of up to {@link #EXACT_LIMIT} tables is solved exactly by
 * dynamic programming over the sets of tables loaded first (O(2^n n^2)); a larger one by the greedy
 * heuristic of Eades, Lin and Smyth (1993), which is linear-ish and defers at most about half the
 * refs of the component, usually far fewer. Refs that must never be deferred weigh more than all
 * others together, and the heuristic's order is repaired afterwards so that none of them is
 * deferred (the caller first checks they form no cycle of their own).
 */
final class CycleBreaker {
  static final int EXACT_LIMIT = 16;

  private final int nodeCount;
  private final int[] from;
  private final int[] to;
  private final boolean[] never;

  /**
   * @param from for each ref, the index of the referencing table
   * @param to for each ref, the index of the referenced table (never equal to {@code from})
   * @param never for each ref, whether it must not be deferred
   */
  CycleBreaker(int nodeCount, int[] from, int[] to, boolean[] never) {
    this.nodeCount = nodeCount;
    this.from = from;
    this.to = to;
    this.never = never;
  }

  /** For each ref, whether to defer it. */
  boolean[] chooseDeferred() {
    boolean[] deferred = new boolean[from.length];
    int[] component = components();
    int componentCount = Arrays.stream(component).max().orElse(-1) + 1;
    for (int c = 0; c < componentCount; c++) {
      int[] members = membersOf(component, c);
      if (members.length < 2) {
        continue;
      }
      int[] position =
          members.length <= EXACT_LIMIT
              ? exactOrder(members, component, c)
              : repairedOrder(members, greedyOrder(members, component, c), component, c);
      for (int e = 0; e < from.length; e++) {
        if (component[from[e]] == c && component[to[e]] == c) {
          deferred[e] = position[from[e]] < position[to[e]];
        }
      }
    }
    return deferred;
  }

  /**
   * A cycle among the refs that must never be deferred, as table indexes (first = last), or empty
   * when none.
   */
  List<Integer> cycleOfNeverDeferred() {
    int[] component = new Tarjan(adjacency(never)).run();
    for (int e = 0; e < from.length; e++) {
      if (never[e] && component[from[e]] == component[to[e]]) {
        List<Integer> back = shortestPath(to[e], from[e], never);
        List<Integer> cycle = new ArrayList<>();
        cycle.add(from[e]);
        cycle.addAll(back);
        return cycle;
      }
    }
    return List.of();
  }

  /** The tables of a cycle that ref {@code edge} closes, starting and ending with its table. */
  List<Integer> cycleThrough(int edge) {
    List<Integer> cycle = new ArrayList<>();
    cycle.add(from[edge]);
    cycle.addAll(shortestPath(to[edge], from[edge], null));
    return cycle;
  }

  private int[] components() {
    return new Tarjan(adjacency(null)).run();
  }

  private List<List<Integer>> adjacency(boolean[] only) {
    List<List<Integer>> out = new ArrayList<>();
    for (int n = 0; n < nodeCount; n++) {
      out.add(new ArrayList<>());
    }
    for (int e = 0; e < from.length; e++) {
      if (only == null || only[e]) {
        out.get(from[e]).add(to[e]);
      }
    }
    return out;
  }

  /**
   * Breadth-first path from start to goal along refs (of {@code only} when given), both ends
   * included.
   */
  private List<Integer> shortestPath(int start, int goal, boolean[] only) {
    List<List<Integer>> adjacency = adjacency(only);
    int[] previous = new int[nodeCount];
    Arrays.fill(previous, -2);
    previous[start] = -1;
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty() && previous[goal] == -2) {
      int at = queue.poll();
      for (int next : adjacency.get(at)) {
        if (previous[next] == -2) {
          previous[next] = at;
          queue.add(next);
        }
      }
    }
    if (previous[goal] == -2) {
      throw new IllegalStateException("no path from table " + start + " to table " + goal);
    }
    ArrayDeque<Integer> path = new ArrayDeque<>();
    for (int at = goal; at != -1; at = previous[at]) {
      path.addFirst(at);
    }
    return new ArrayList<>(path);
  }

  private static int[] membersOf(int[] component, int c) {
    return java.util.stream.IntStream.range(0, component.length)
        .filter(n -> component[n] == c)
        .toArray();
  }

  /**
   * weight[a][b]: refs from member a to member b, with never-deferred refs outweighing all others
   * together.
   */
  private long[][] weights(int[] members, int[] component, int c) {
    int[] local = localIndexes(members);
    long heavy = from.length + 1L;
    long[][] weight = new long[members.length][members.length];
    for (int e = 0; e < from.length; e++) {
      if (component[from[e]] == c && component[to[e]] == c) {
        weight[local[from[e]]][local[to[e]]] += never[e] ? heavy : 1;
      }
    }
    return weight;
  }

  private int[] localIndexes(int[] members) {
    int[] local = new int[nodeCount];
    Arrays.fill(local, -1);
    for (int i = 0; i < members.length; i++) {
      local[members[i]] = i;
    }
    return local;
  }

  /**
   * Dynamic programming over the sets of members loaded first: cost[S] is the least weight of
   * deferred refs among the members of S when they are loaded first. Loading v right after S defers
   * the refs from members of S to v, since those tables are loaded before the table they reference.
   */
  private int[] exactOrder(int[] members, int[] component, int c) {
    int n = members.length;
    long[][] weight = weights(members, component, c);
    long[] cost = new long[1 << n];
    byte[] last = new byte[1 << n];
    Arrays.fill(cost, Long.MAX_VALUE);
    cost[0] = 0;
    for (int set = 0; set < (1 << n); set++) {
      if (cost[set] == Long.MAX_VALUE) {
        continue;
      }
      for (int v = 0; v < n; v++) {
        if ((set & (1 << v)) != 0) {
          continue;
        }
        long added = 0;
        for (int u = 0; u < n; u++) {
          if ((set & (1 << u)) != 0) {
            added += weight[u][v];
          }
        }
        int next = set | (1 << v);
        if (cost[set] + added < cost[next]) {
          cost[next] = cost[set] + added;
          last[next] = (byte) v;
        }
      }
    }
    int[] position = new int[nodeCount];
    int set = (1 << n) - 1;
    for (int p = n - 1; p >= 0; p--) {
      int v = last[set];
      position[members[v]] = p;
      set &= ~(1 << v);
    }
    return position;
  }

  /**
   * Eades–Lin–Smyth: tables that reference no remaining table go to the front, tables no remaining
   * table references go to the back, and otherwise the table referenced most and referencing least
   * (by weight) goes to the front.
   */
  private int[] greedyOrder(int[] members, int[] component, int c) {
    int n = members.length;
    long[][] weight = weights(members, component, c);
    boolean[] removed = new boolean[n];
    int[] front = new int[n];
    int[] back = new int[n];
    int frontSize = 0;
    int backSize = 0;
    for (int left = n; left > 0; ) {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int v = 0; v < n; v++) {
          if (!removed[v] && weightOut(weight, removed, v) == 0) {
            removed[v] = true;
            front[frontSize++] = v;
            left--;
            changed = true;
          } else if (!removed[v] && weightIn(weight, removed, v) == 0) {
            removed[v] = true;
            back[backSize++] = v;
            left--;
            changed = true;
          }
        }
      }
      int best = -1;
      long bestDelta = Long.MIN_VALUE;
      for (int v = 0; v < n; v++) {
        if (!removed[v]) {
          long delta = weightIn(weight, removed, v) - weightOut(weight, removed, v);
          if (delta > bestDelta) {
            bestDelta = delta;
            best = v;
          }
        }
      }
      if (best >= 0) {
        removed[best] = true;
        front[frontSize++] = best;
        left--;
      }
    }
    int[] position = new int[nodeCount];
    for (int i = 0; i < frontSize; i++) {
      position[members[front[i]]] = i;
    }
    for (int i = 0; i < backSize; i++) {
      position[members[back[i]]] = n - 1 - i;
    }
    return position;
  }

  private static long weightOut(long[][] weight, boolean[] removed, int v) {
    long sum = 0;
    for (int u = 0; u < weight.length; u++) {
      sum += removed[u] ? 0 : weight[v][u];
    }
    return sum;
  }

  private static long weightIn(long[][] weight, boolean[] removed, int v) {
    long sum = 0;
    for (int u = 0; u < weight.length; u++) {
      sum += removed[u] ? 0 : weight[u][v];
    }
    return sum;
  }

  /**
   * Reorders the members so that every never-deferred ref points to an earlier table, keeping the
   * heuristic's order wherever those refs allow: a topological sort of the never-deferred refs that
   * picks the earliest table first.
   */
  private int[] repairedOrder(int[] members, int[] position, int[] component, int c) {
    int[] local = localIndexes(members);
    int n = members.length;
    int[] pending = new int[n];
    List<List<Integer>> referencedBy = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      referencedBy.add(new ArrayList<>());
    }
    for (int e = 0; e < from.length; e++) {
      if (never[e] && component[from[e]] == c && component[to[e]] == c) {
        pending[local[from[e]]]++;
        referencedBy.get(local[to[e]]).add(local[from[e]]);
      }
    }
    PriorityQueue<Integer> ready =
        new PriorityQueue<>((a, b) -> Integer.compare(position[members[a]], position[members[b]]));
    for (int i = 0; i < n; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    int[] repaired = new int[nodeCount];
    for (int p = 0; !ready.isEmpty(); p++) {
      int v = ready.poll();
      repaired[members[v]] = p;
      for (int u : referencedBy.get(v)) {
        if (--pending[u] == 0) {
          ready.add(u);
        }
      }
    }
    return repaired;
  }

  /** Tarjan's strongly connected components; component numbers are in reverse topological order. */
  private static final class Tarjan {
    private final List<List<Integer>> adjacency;
    private final int[] index;
    private final int[] low;
    private final boolean[] onStack;
    private final int[] component;
    private final ArrayDeque<Integer> stack = new ArrayDeque<>();
    private int nextIndex;
    private int nextComponent;

    Tarjan(List<List<Integer>> adjacency) {
      this.adjacency = adjacency;
      int n = adjacency.size();
      index = new int[n];
      low = new int[n];
      onStack = new boolean[n];
      component = new int[n];
      Arrays.fill(index, -1);
    }

    int[] run() {
      for (int v = 0; v < adjacency.size(); v++) {
        if (index[v] < 0) {
          visit(v);
        }
      }
      return component;
    }

    private void visit(int v) {
      index[v] = nextIndex;
      low[v] = nextIndex++;
      stack.push(v);
      onStack[v] = true;
      for (int w : adjacency.get(v)) {
        if (index[w] < 0) {
          visit(w);
          low[v] = Math.min(low[v], low[w]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
      }
      if (low[v] == index[v]) {
        int w;
        do {
          w = stack.pop();
          onStack[w] = false;
          component[w] = nextComponent;
        } while (w != v);
        nextComponent++;
      }
    }
  }
}
