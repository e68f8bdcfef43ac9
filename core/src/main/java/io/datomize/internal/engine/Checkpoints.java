package io.datomize.internal.engine;

import io.datomize.spi.CommittedBatch;
import io.datomize.spi.RowKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where a resumed step continues, from the checkpoints of the batches it committed before. */
public final class Checkpoints {
  private static final String START = "";

  private Checkpoints() {}

  /**
   * Follows the chain of committed batches from the first row: a batch continues the chain when it
   * starts after the key where the chain stands. Batches commit out of order when several are in
   * flight, so a batch committed after a gap is not trusted; its rows are read and upserted again,
   * which is harmless. Where two batches start at the same key (a run resumed with another batch
   * size), the one with the higher sequence is followed: a resumed step numbers its batches after
   * the highest sequence committed before, so that is the later one.
   *
   * @return the key after which every source row is committed; empty to start from the first row
   */
  public static Optional<RowKey> resumeAfter(List<CommittedBatch> committed) {
    List<CommittedBatch> chain = chain(committed);
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1).lastKey());
  }

  /**
   * The last keys, encoded, of the committed batches off the chain of {@link #resumeAfter}: those
   * that committed after a gap, whose rows are read again.
   */
  static Set<String> committedAhead(List<CommittedBatch> committed) {
    Set<CommittedBatch> chain = new HashSet<>(chain(committed));
    Set<String> ahead = new HashSet<>();
    for (CommittedBatch batch : committed) {
      if (!chain.contains(batch)) {
        ahead.add(batch.lastKey().encode());
      }
    }
    return ahead;
  }

  private static List<CommittedBatch> chain(List<CommittedBatch> committed) {
    Map<String, List<CommittedBatch>> byStart = new HashMap<>();
    for (CommittedBatch batch : committed) {
      byStart
          .computeIfAbsent(
              batch.afterKey().map(RowKey::encode).orElse(START), k -> new ArrayList<>())
          .add(batch);
    }
    List<CommittedBatch> chain = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    String at = START;
    while (visited.add(at)) {
      Optional<CommittedBatch> next =
          byStart.getOrDefault(at, List.of()).stream()
              .max(Comparator.comparingLong(CommittedBatch::sequence));
      if (next.isEmpty()) {
        break;
      }
      chain.add(next.get());
      at = next.get().lastKey().encode();
    }
    return chain;
  }
}
