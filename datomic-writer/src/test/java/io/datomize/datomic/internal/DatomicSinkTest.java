package io.datomize.datomic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clojure.lang.ExceptionInfo;
import clojure.lang.PersistentArrayMap;
import datomic.Connection;
import datomic.Database;
import datomic.Peer;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowKey;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sink's flow control on a real in-memory database, seen through transactors that wrap the live
 * one: one counts the transactions pending, one makes Datomic's answers fail the way a busy or
 * silent transactor does. How many are in flight is the caller's to bound (the engine's, by its run
 * options); the sink sends each batch at once.
 */
class DatomicSinkTest {
  static final Attribute ID = Attribute.of("thing", "id");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static Connection freshDatabase() {
    String uri = "datomic:mem://sink-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    return Peer.connect(uri);
  }

  private static TxBatch batch(long sequence) {
    return TxBatch.builder()
        .runId("run")
        .stepId("step")
        .sequence(sequence)
        .lastKey(RowKey.of(sequence))
        .addEntities(TxEntity.builder(RowKey.of(sequence), LookupRef.of(ID, sequence), 0).build())
        .build();
  }

  /** A sink whose target holds the long identity {@link #ID}. */
  static DatomicSink sink(Transactor transactor, Duration timeout, RetryPolicy retry) {
    DatomicSink sink = new DatomicSink(transactor, "test database", timeout, retry);
    sink.installSchema(
        TargetSchema.builder()
            .addAttributes(
                AttributeSchema.builder()
                    .ident(ID)
                    .valueType(ValueType.LONG)
                    .unique(Uniqueness.IDENTITY)
                    .build())
            .build());
    return sink;
  }

  private static BatchRejectedException rejectionOf(CompletableFuture<?> receipt) {
    CompletionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, receipt::join);
    return (BatchRejectedException) failure.getCause();
  }

  /**
   * Fails the first {@code failures} transactions of data with {@code error}, then lets them
   * through.
   */
  private static Transactor failingFirst(
      Transactor live, int failures, Throwable error, AtomicInteger attempts) {
    return new Transactor() {
      @Override
      public CompletableFuture<Map<?, ?>> transact(List<?> txData) {
        boolean schema = txData.get(0) instanceof Map<?, ?>;
        return !schema && attempts.incrementAndGet() <= failures
            ? CompletableFuture.failedFuture(error)
            : live.transact(txData);
      }

      @Override
      public Database db() {
        return live.db();
      }

      @Override
      public Duration index() {
        return live.index();
      }
    };
  }

  private static ExceptionInfo anomaly(String category) {
    return new ExceptionInfo(
        "Busy: " + category,
        PersistentArrayMap.createAsIfByAssoc(
            new Object[] {
              Keywords.ANOMALY_CATEGORY,
              clojure.lang.Keyword.intern("cognitect.anomalies", category)
            }));
  }

  @Test
  void sends_every_batch_it_is_given_at_once_and_close_waits_for_them_to_settle()
      throws InterruptedException {
    Transactor live = Transactor.live(freshDatabase());
    List<Runnable> held = new ArrayList<>();
    CountDownLatch sent = new CountDownLatch(40);
    Transactor holding =
        new Transactor() {
          @Override
          public synchronized CompletableFuture<Map<?, ?>> transact(List<?> txData) {
            if (txData.get(0) instanceof Map<?, ?>) {
              return live.transact(txData);
            }
            CompletableFuture<Map<?, ?>> answer = new CompletableFuture<>();
            held.add(
                () ->
                    live.transact(txData).whenComplete((report, error) -> answer.complete(report)));
            sent.countDown();
            return answer;
          }

          @Override
          public Database db() {
            return live.db();
          }

          @Override
          public Duration index() {
            return live.index();
          }
        };
    DatomicSink sink = sink(holding, TIMEOUT, RetryPolicy.none());
    List<CompletableFuture<BatchReceipt>> receipts = new ArrayList<>();
    for (long sequence = 0; sequence < 40; sequence++) {
      receipts.add(sink.submit(batch(sequence)));
    }

    assertThat(sent.await(30, TimeUnit.SECONDS))
        .as("sent without waiting for an answer: the caller bounds what is in flight")
        .isTrue();
    assertThat(held).hasSize(40);
    assertThat(receipts).noneMatch(CompletableFuture::isDone);

    held.forEach(Runnable::run);
    sink.close();

    assertThat(receipts)
        .allMatch(receipt -> receipt.isDone() && !receipt.isCompletedExceptionally());
    assertThat(sink.countEntities(ID)).isEqualTo(40);
  }

  @Test
  void a_busy_transactor_is_retried_until_the_batch_commits() {
    AtomicInteger attempts = new AtomicInteger();
    Transactor busy = failingFirst(Transactor.live(freshDatabase()), 2, anomaly("busy"), attempts);
    try (DatomicSink sink = sink(busy, TIMEOUT, RetryPolicy.of(3, Duration.ofMillis(1)))) {
      BatchReceipt receipt = sink.submit(batch(0)).join();

      assertThat(attempts.get()).isEqualTo(3);
      assertThat(receipt.datoms())
          .as("the identity datom; the checkpoint is on the transaction")
          .isEqualTo(1);
    }
  }

  @Test
  void a_busy_transactor_beyond_the_retries_fails_the_batch_as_retryable() {
    AtomicInteger attempts = new AtomicInteger();
    Transactor busy =
        failingFirst(Transactor.live(freshDatabase()), 10, anomaly("unavailable"), attempts);
    try (DatomicSink sink = sink(busy, TIMEOUT, RetryPolicy.of(1, Duration.ofMillis(1)))) {
      BatchRejectedException rejection = rejectionOf(sink.submit(batch(0)));

      assertThat(rejection.isRetryable()).isTrue();
      assertThat(rejection.getMessage())
          .contains("after 2 attempts", ":cognitect.anomalies/unavailable");
      assertThat(attempts.get()).isEqualTo(2);
    }
  }

  @Test
  void data_datomic_calls_incorrect_is_never_retried() {
    AtomicInteger attempts = new AtomicInteger();
    Transactor incorrect =
        failingFirst(Transactor.live(freshDatabase()), 10, anomaly("incorrect"), attempts);
    try (DatomicSink sink = sink(incorrect, TIMEOUT, RetryPolicy.of(3, Duration.ofMillis(1)))) {
      BatchRejectedException rejection = rejectionOf(sink.submit(batch(0)));
      assertThat(rejection.isRetryable()).isFalse();
      assertThat(rejection.getMessage()).contains("was rejected by Datomic: Busy: incorrect");
      assertThat(attempts.get()).isEqualTo(1);
    }
  }

  @Test
  void a_transaction_without_an_answer_fails_at_the_deadline_as_retryable() {
    Transactor live = Transactor.live(freshDatabase());
    Transactor silent =
        new Transactor() {
          @Override
          public CompletableFuture<Map<?, ?>> transact(List<?> txData) {
            return txData.get(0) instanceof Map<?, ?>
                ? live.transact(txData)
                : new CompletableFuture<>();
          }

          @Override
          public Database db() {
            return live.db();
          }

          @Override
          public Duration index() {
            return live.index();
          }
        };
    try (DatomicSink sink = sink(silent, Duration.ofMillis(50), RetryPolicy.none())) {
      BatchRejectedException rejection = rejectionOf(sink.submit(batch(0)));

      assertThat(rejection.isRetryable()).isTrue();
      assertThat(rejection.getMessage()).contains("no answer from the transactor within PT0.05S");
    }
  }
}
