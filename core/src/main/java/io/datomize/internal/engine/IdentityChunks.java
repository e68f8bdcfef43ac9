package io.datomize.internal.engine;

import io.datomize.spi.RowKey;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Tuple;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a stream of identity values from the target into chunks, each value with the key a source
 * lookup matches it by: the value itself, or a composite identity's elements.
 */
final class IdentityChunks {
  private IdentityChunks() {}

  /** An identity value and its lookup key. */
  record Identity(Object value, RowKey key) {}

  static void forEach(Iterator<Object> values, int size, Consumer<List<Identity>> chunk) {
    List<Identity> current = new ArrayList<>(size);
    while (values.hasNext()) {
      Object value = values.next();
      current.add(new Identity(value, keyOf(value)));
      if (current.size() == size || !values.hasNext()) {
        chunk.accept(current);
        current = new ArrayList<>(size);
      }
    }
  }

  /**
   * The transaction of a chunk's changes, its checkpoint naming the chunk's last identity: a pass
   * over the target's identities starts over when resumed, so the key only tells how far it came.
   */
  static TxBatch batch(
      RunContext run, String stepId, long sequence, List<Identity> chunk, List<TxEntity> changes) {
    return TxBatch.builder()
        .runId(run.runId)
        .stepId(stepId)
        .sequence(sequence)
        .lastKey(chunk.get(chunk.size() - 1).key())
        .entities(changes)
        .build();
  }

  static RowKey keyOf(Object value) {
    try {
      return value instanceof Tuple tuple ? RowKey.of(tuple.values().toArray()) : RowKey.of(value);
    } catch (IllegalArgumentException e) {
      throw new RunStopped(
          "an identity value "
              + value
              + " cannot be looked up in the source: "
              + e.getMessage()
              + "; a sync needs identities of integer, text, uuid, numeric, boolean, date or"
              + " timestamp key columns",
          e);
    }
  }
}
