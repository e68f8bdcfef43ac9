package io.datomize.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.spi.CommittedBatch;
import io.datomize.spi.RowKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointsTest {
  private static CommittedBatch batch(long sequence, Long after, long last) {
    return CommittedBatch.of(sequence, Optional.ofNullable(after).map(RowKey::of), RowKey.of(last));
  }

  @Test
  void nothing_committed_starts_from_the_first_row() {
    assertThat(Checkpoints.resumeAfter(List.of())).isEmpty();
  }

  @Test
  void continues_after_the_last_batch_of_an_unbroken_chain() {
    assertThat(
            Checkpoints.resumeAfter(
                List.of(batch(1, 10L, 20), batch(0, null, 10), batch(2, 20L, 30))))
        .contains(RowKey.of(30L));
  }

  @Test
  void does_not_trust_a_batch_committed_after_a_gap() {
    assertThat(Checkpoints.resumeAfter(List.of(batch(0, null, 10), batch(2, 20L, 30))))
        .contains(RowKey.of(10L));
  }

  @Test
  void names_the_batches_committed_after_a_gap_whose_rows_are_read_again() {
    assertThat(
            Checkpoints.committedAhead(
                List.of(batch(0, null, 10), batch(2, 20L, 30), batch(3, 30L, 40))))
        .containsExactlyInAnyOrder(RowKey.of(30L).encode(), RowKey.of(40L).encode());
    assertThat(Checkpoints.committedAhead(List.of(batch(0, null, 10), batch(1, 10L, 20))))
        .isEmpty();
  }

  @Test
  void follows_the_later_batch_where_a_resumed_run_changed_the_batch_size() {
    assertThat(
            Checkpoints.resumeAfter(
                List.of(
                    batch(0, null, 10), batch(1, 10L, 15), batch(2, 15L, 30), batch(3, 10L, 20))))
        .contains(RowKey.of(20L));
  }
}
