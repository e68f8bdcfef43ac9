package io.datomize.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.internal.engine.Checkpoints;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TargetSink} guarantees. An adapter's test class implements this interface; each
 * test asks for a sink on a fresh, empty target of its own.
 */
public interface TargetSinkContract {
  Attribute ID = Attribute.of("item", "id");
  Attribute NAME = Attribute.of("item", "name");
  Attribute TAGS = Attribute.of("item", "tags");
  String RUN = "run-1";
  String STEP = "load public.item";

  /** A sink on a fresh, empty target that no other test uses. */
  TargetSink newSink();

  /**
   * Another sink on the same target as {@code sink}, through a new connection, as a later process
   * would open it.
   */
  TargetSink reopen(TargetSink sink);

  static TargetSchema schema() {
    return TargetSchema.builder()
        .addAttributes(
            AttributeSchema.builder()
                .ident(ID)
                .valueType(ValueType.LONG)
                .unique(Uniqueness.IDENTITY)
                .build())
        .addAttributes(
            AttributeSchema.builder()
                .ident(NAME)
                .valueType(ValueType.STRING)
                .doc("The item's name")
                .build())
        .addAttributes(
            AttributeSchema.builder()
                .ident(TAGS)
                .valueType(ValueType.STRING)
                .cardinality(Cardinality.MANY)
                .build())
        .build();
  }

  static TxEntity item(long id) {
    return TxEntity.builder(RowKey.of(id), LookupRef.of(ID, id), 2)
        .add(NAME, "item " + id)
        .add(TAGS, Set.of("all", "group-" + id % 3))
        .build();
  }

  /**
   * Batch {@code sequence} of {@code size} items, covering the source keys after {@code sequence *
   * size}.
   */
  static TxBatch batch(long sequence, int size) {
    long from = sequence * size;
    return TxBatch.builder()
        .runId(RUN)
        .stepId(STEP)
        .sequence(sequence)
        .afterKey(sequence == 0 ? Optional.empty() : Optional.of(RowKey.of(from)))
        .lastKey(RowKey.of(from + size))
        .entities(
            LongStream.rangeClosed(from + 1, from + size)
                .mapToObj(TargetSinkContract::item)
                .toList())
        .build();
  }

  static CommittedBatch checkpointOf(TxBatch batch) {
    return CommittedBatch.of(batch.sequence(), batch.afterKey(), batch.lastKey());
  }

  @Test
  default void installing_the_same_schema_twice_changes_nothing_the_second_time() {
    try (TargetSink sink = newSink()) {
      SchemaInstallation first = sink.installSchema(schema());
      SchemaInstallation second = sink.installSchema(schema());

      assertThat(first.installed()).contains(ID, NAME, TAGS);
      assertThat(second.installed()).isEmpty();
      assertThat(second.alreadyPresent()).contains(ID, NAME, TAGS);
    }
  }

  @Test
  default void batches_commit_exactly_once_whatever_the_order_of_completion() throws Exception {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      List<TxBatch> batches = new ArrayList<>();
      for (long sequence = 0; sequence < 12; sequence++) {
        batches.add(batch(sequence, 25));
      }
      List<TxBatch> shuffled = new ArrayList<>(batches);
      Collections.shuffle(shuffled, new Random(7));

      ExecutorService producers = Executors.newFixedThreadPool(3);
      try {
        List<Future<CompletableFuture<BatchReceipt>>> submitted = new ArrayList<>();
        for (TxBatch batch : shuffled) {
          submitted.add(producers.submit(() -> sink.submit(batch)));
        }
        for (Future<CompletableFuture<BatchReceipt>> receipt : submitted) {
          receipt.get().join();
        }
      } finally {
        producers.shutdown();
      }

      assertThat(sink.committedBatches(RUN, STEP))
          .containsExactlyInAnyOrderElementsOf(
              batches.stream().map(TargetSinkContract::checkpointOf).toList());
      assertThat(sink.countEntities(ID)).isEqualTo(300);
      assertThat(Checkpoints.resumeAfter(sink.committedBatches(RUN, STEP)))
          .contains(RowKey.of(300L));
    }
  }

  @Test
  default void
      the_checkpoint_read_back_is_the_last_acknowledged_key_also_through_a_new_connection() {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      for (long sequence = 0; sequence < 4; sequence++) {
        TxBatch batch = batch(sequence, 10);
        BatchReceipt receipt = sink.submit(batch).join();

        assertThat(receipt.sequence()).isEqualTo(sequence);
        assertThat(Checkpoints.resumeAfter(sink.committedBatches(RUN, STEP)))
            .contains(batch.lastKey());
      }
      assertThat(sink.committedBatches(RUN, "another step")).isEmpty();
      assertThat(sink.committedBatches("another run", STEP)).isEmpty();
      try (TargetSink later = reopen(sink)) {
        assertThat(Checkpoints.resumeAfter(later.committedBatches(RUN, STEP)))
            .contains(RowKey.of(40L));
      }
    }
  }

  @Test
  default void a_batch_sent_without_its_checkpoint_writes_data_and_no_checkpoint() {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      TxBatch part = TxBatch.builder().from(batch(0, 5)).recordsCheckpoint(false).build();

      sink.submit(part).join();

      assertThat(sink.countEntities(ID)).isEqualTo(5);
      assertThat(sink.committedBatches(RUN, STEP)).isEmpty();
    }
  }

  @Test
  default void a_conflicting_schema_is_refused_with_every_conflict_before_anything_is_written() {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      sink.submit(batch(0, 5)).join();
      Attribute extra = Attribute.of("item", "extra");
      TargetSchema conflicting =
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(ID)
                      .valueType(ValueType.STRING)
                      .unique(Uniqueness.IDENTITY)
                      .build())
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(NAME)
                      .valueType(ValueType.STRING)
                      .cardinality(Cardinality.MANY)
                      .build())
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(TAGS)
                      .valueType(ValueType.STRING)
                      .cardinality(Cardinality.MANY)
                      .build())
              .addAttributes(
                  AttributeSchema.builder().ident(extra).valueType(ValueType.LONG).build())
              .build();

      assertThatThrownBy(() -> sink.installSchema(conflicting))
          .isInstanceOfSatisfying(
              SchemaConflictException.class,
              e ->
                  assertThat(e.conflicts())
                      .hasSize(2)
                      .anySatisfy(line -> assertThat(line).contains(ID.toString(), "string"))
                      .anySatisfy(line -> assertThat(line).contains(NAME.toString(), "many")));

      // had the refused installation written :item/extra as a long, installing it as a string would
      // now conflict
      TargetSchema withExtra =
          TargetSchema.builder()
              .from(schema())
              .addAttributes(
                  AttributeSchema.builder().ident(extra).valueType(ValueType.STRING).build())
              .build();
      assertThat(sink.installSchema(withExtra).installed()).contains(extra);
      assertThat(sink.countEntities(ID)).isEqualTo(5);
    }
  }

  @Test
  default void a_rehearsal_takes_schema_and_batches_and_leaves_the_target_untouched() {
    try (TargetSink sink = newSink()) {
      try (TargetSink rehearsal = sink.rehearsal()) {
        rehearsal.installSchema(schema());
        rehearsal.submit(batch(0, 10)).join();
        assertThat(rehearsal.countEntities(ID)).isEqualTo(10);
        assertThat(Checkpoints.resumeAfter(rehearsal.committedBatches(RUN, STEP)))
            .contains(RowKey.of(10L));
      }
      sink.installSchema(schema());
      assertThat(sink.countEntities(ID)).isZero();
      assertThat(sink.committedBatches(RUN, STEP)).isEmpty();
    }
  }

  @Test
  default void re_running_the_same_batches_leaves_the_counts_unchanged() {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      List<TxBatch> batches = List.of(batch(0, 20), batch(1, 20), batch(2, 20));
      batches.forEach(batch -> sink.submit(batch).join());
      Map<Attribute, Long> before =
          Map.of(
              ID, sink.countValues(ID), NAME, sink.countValues(NAME), TAGS, sink.countValues(TAGS));

      List<BatchReceipt> again =
          batches.stream().map(sink::submit).map(CompletableFuture::join).toList();

      assertThat(before).containsEntry(ID, 60L).containsEntry(NAME, 60L).containsEntry(TAGS, 120L);
      assertThat(
              Map.of(
                  ID,
                  sink.countValues(ID),
                  NAME,
                  sink.countValues(NAME),
                  TAGS,
                  sink.countValues(TAGS)))
          .isEqualTo(before);
      assertThat(sink.countEntities(ID)).isEqualTo(60);
      assertThat(again).allSatisfy(receipt -> assertThat(receipt.datoms()).isZero());
      assertThat(Checkpoints.resumeAfter(sink.committedBatches(RUN, STEP)))
          .contains(RowKey.of(60L));
    }
  }

  @Test
  default void entities_read_back_as_they_were_written() {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      sink.submit(batch(0, 3)).join();
      PullSpec spec = PullSpec.builder().addAttributes(NAME, TAGS).build();

      List<Optional<Map<Attribute, Object>>> read =
          sink.pull(spec, List.of(LookupRef.of(ID, 2L), LookupRef.of(ID, 99L)));

      assertThat(read).hasSize(2);
      assertThat(read.get(0)).contains(Map.of(NAME, "item 2", TAGS, Set.of("all", "group-2")));
      assertThat(read.get(1)).isEmpty();
    }
  }

  @Test
  default void a_rejected_batch_fails_its_own_future_with_the_reason_and_leaves_no_checkpoint() {
    try (TargetSink sink = newSink()) {
      sink.installSchema(schema());
      TxEntity bad =
          TxEntity.builder(RowKey.of(7L), LookupRef.of(ID, 7L), 1).add(NAME, 42L).build();
      TxBatch rejected =
          TxBatch.builder()
              .runId(RUN)
              .stepId(STEP)
              .sequence(0)
              .lastKey(RowKey.of(7L))
              .addEntities(item(6), bad)
              .build();

      CompletableFuture<BatchReceipt> receipt = sink.submit(rejected);

      assertThatThrownBy(receipt::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              BatchRejectedException.class,
              e -> {
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains(NAME.toString(), "42");
              });
      assertThat(sink.committedBatches(RUN, STEP)).isEmpty();
      assertThat(sink.countEntities(ID)).isZero();
    }
  }
}
