package io.datomize.examples.bench;

import datomic.Peer;
import io.datomize.datomic.DatomicTarget;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.RowKey;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Throughput of the Datomic writer alone: pre-built batches of 1,000 entities with 8 attributes
 * (one a unique identity) submitted to a fresh {@code datomic:mem} database at each number of
 * transactions in flight, loaded as usual or in bulk (index and uniqueness added at the end, and
 * timed).
 *
 * <pre>
 * mvn -B -q -pl examples -am -DskipTests -Pbench-writer package -Dbench.args="200000 2 1,2,4,8,16"
 * </pre>
 *
 * Arguments: entities per setting (default 200000), rounds (default 2), in-flight settings (default
 * 1,2,4,8,16), loads (default {@code usual}; {@code usual,bulk} for both), and {@code indexed} to
 * give four of the plain attributes {@code :db/index true} (default {@code plain}).
 */
public final class WriterBenchmark {
  private static final int BATCH = 1_000;
  private static final Attribute ID = Attribute.of("person", "id");
  private static final Attribute NAME = Attribute.of("person", "name");
  private static final Attribute EMAIL = Attribute.of("person", "email");
  private static final Attribute AGE = Attribute.of("person", "age");
  private static final Attribute SCORE = Attribute.of("person", "score");
  private static final Attribute ACTIVE = Attribute.of("person", "active");
  private static final Attribute JOINED = Attribute.of("person", "joined");
  private static final Attribute CITY = Attribute.of("person", "city");
  private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

  private WriterBenchmark() {}

  public static void main(String[] args) {
    int entities = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int[] settings =
        args.length > 2
            ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 2, 4, 8, 16};
    List<String> loads = args.length > 3 ? List.of(args[3].split(",")) : List.of("usual");
    boolean indexed = args.length > 4 && args[4].equals("indexed");
    TargetSchema schema = schema(indexed);
    // by whether they are bulk batches, only those of the loads asked for
    Map<Boolean, List<TxBatch>> batches = new HashMap<>();
    for (String load : loads) {
      if (!load.equals("usual") && !load.equals("bulk")) {
        throw new IllegalArgumentException("a load is usual or bulk, not " + load);
      }
      batches.computeIfAbsent(load.equals("bulk"), bulk -> batches(entities, bulk));
    }
    System.out.printf(
        "writer benchmark: %d entities per setting in batches of %d, %d attributes (%s), %d rounds%n",
        entities, BATCH, 8, indexed ? "4 indexed" : "none indexed", rounds);
    System.out.printf(
        "java %s, %d processors, max heap %d MiB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    for (String load : loads) {
      List<TxBatch> warmUp = batches.get(load.equals("bulk"));
      run(schema, warmUp.subList(0, Math.min(warmUp.size(), 20)), 4);
    }
    System.out.println("round  load   in-flight  seconds  entities/s  datoms/s");
    for (int round = 1; round <= rounds; round++) {
      for (int inFlight : settings) {
        for (String load : loads) {
          Result result = run(schema, batches.get(load.equals("bulk")), inFlight);
          System.out.printf(
              "%5d  %-5s  %9d  %7.2f  %10.0f  %8.0f%n",
              round,
              load,
              inFlight,
              result.seconds(),
              entities / result.seconds(),
              result.datoms() / result.seconds());
        }
      }
    }
    DatomicTarget.shutdownPeer();
  }

  private record Result(double seconds, long datoms) {}

  private static Result run(TargetSchema schema, List<TxBatch> batches, int inFlight) {
    String uri = "datomic:mem://writer-bench-" + UUID.randomUUID();
    boolean bulk = batches.get(0).bulk();
    try (DatomicTarget sink = DatomicTarget.builder().uri(uri).build()) {
      if (bulk) {
        sink.beginBulkLoad(schema);
      } else {
        sink.installSchema(schema);
      }
      long start = System.nanoTime();
      // the target sends what it is given: as the engine does, keep at most inFlight unanswered
      Deque<CompletableFuture<BatchReceipt>> pending = new ArrayDeque<>(inFlight);
      long datoms = 0;
      for (TxBatch batch : batches) {
        if (pending.size() == inFlight) {
          datoms += pending.poll().join().datoms();
        }
        pending.add(sink.submit(batch));
      }
      while (!pending.isEmpty()) {
        datoms += pending.poll().join().datoms();
      }
      if (bulk) {
        List<String> shared = sink.finishBulkLoad(schema);
        if (!shared.isEmpty()) {
          throw new IllegalStateException("the bulk load made shared values: " + shared);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(seconds, datoms);
    } finally {
      Peer.deleteDatabase(uri);
    }
  }

  private static TargetSchema schema(boolean indexed) {
    return TargetSchema.builder()
        .addAttributes(attribute(ID, ValueType.LONG).unique(Uniqueness.IDENTITY).build())
        .addAttributes(
            attribute(NAME, ValueType.STRING).index(indexed).build(),
            attribute(EMAIL, ValueType.STRING).build(),
            attribute(AGE, ValueType.LONG).index(indexed).build(),
            attribute(SCORE, ValueType.DOUBLE).build(),
            attribute(ACTIVE, ValueType.BOOLEAN).build(),
            attribute(JOINED, ValueType.INSTANT).index(indexed).build(),
            attribute(CITY, ValueType.STRING).index(indexed).build())
        .build();
  }

  private static AttributeSchema.Builder attribute(Attribute ident, ValueType type) {
    AttributeSchema.Builder builder = AttributeSchema.builder();
    builder.ident(ident).valueType(type);
    return builder;
  }

  private static List<TxBatch> batches(int entities, boolean bulk) {
    List<TxBatch> batches = new ArrayList<>();
    for (long from = 0, sequence = 0; from < entities; from += BATCH, sequence++) {
      long to = Math.min(entities, from + BATCH);
      List<TxEntity> rows = new ArrayList<>(BATCH);
      for (long id = from + 1; id <= to; id++) {
        // names and dates come in no order, as in real tables, so that an index of them is not
        // simply appended to
        long scattered = id * 2_654_435_761L % 1_000_003L;
        rows.add(
            TxEntity.builder(RowKey.of(id), LookupRef.of(ID, id), 7)
                .add(NAME, "Person " + scattered + "-" + id)
                .add(EMAIL, "person" + id + "@example.org")
                .add(AGE, 18 + id % 60)
                .add(SCORE, id * 0.37)
                .add(ACTIVE, id % 3 != 0)
                .add(JOINED, EPOCH.plusSeconds(scattered * 97))
                .add(CITY, "City " + id % 500)
                .build());
      }
      batches.add(
          TxBatch.builder()
              .runId("bench")
              .stepId("load person")
              .sequence(sequence)
              .afterKey(from == 0 ? Optional.empty() : Optional.of(RowKey.of(from)))
              .lastKey(RowKey.of(to))
              .entities(rows)
              .bulk(bulk)
              .newEntities(bulk)
              .build());
    }
    return batches;
  }
}
