package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedMapping;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.testing.ForwardingTarget;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transactions in flight set in {@link RunOptions} are what the Datomic target gets: the target
 * sends what it is given, so the run alone bounds it. The target here answers a batch only when the
 * run waits for that answer, so the run has as many in flight as it lets itself have, however fast
 * Datomic is.
 */
class InFlightBoundTest {
  private static DataSource database;

  @TempDir Path runs;

  @BeforeAll
  static void generate() {
    database = EmbeddedPostgresServer.shared().createDatabase("queryfeed_in_flight");
    QueryfeedDatabase.create(database, 3_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7})
  @Timeout(120)
  void the_target_sees_at_most_and_at_some_point_exactly_the_bound_of_the_run_options(
      int inFlight) {
    try (DatomicTarget datomic =
        DatomicTarget.builder().uri("datomic:mem://in-flight-" + UUID.randomUUID()).build()) {
      AnsweredWhenAwaited target = new AnsweredWhenAwaited(datomic);

      MigrationReport report =
          Migration.from(PostgresSource.builder().dataSource(database).build())
              .mapping(QueryfeedMapping::mapping)
              .options(
                  RunOptions.builder()
                      .batchSize(20)
                      .transactionsInFlight(inFlight)
                      .runDirectory(runs)
                      .verify(false)
                      .build())
              .to(target)
              .run();

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(target.submitted.get()).as("batches sent").isGreaterThan(10 * inFlight);
      assertThat(target.mostUnanswered.get()).isEqualTo(inFlight);
    }
  }

  /**
   * Counts the batches sent and not yet answered; a batch's answer is given when the run waits for
   * it.
   */
  private static final class AnsweredWhenAwaited extends ForwardingTarget {
    final AtomicInteger submitted = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger mostUnanswered = new AtomicInteger();

    AnsweredWhenAwaited(TargetSink target) {
      super(target);
    }

    @Override
    public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
      submitted.incrementAndGet();
      mostUnanswered.accumulateAndGet(unanswered.incrementAndGet(), Math::max);
      return new Awaited(super.submit(batch));
    }

    private final class Awaited extends CompletableFuture<BatchReceipt> {
      private final CompletableFuture<BatchReceipt> answer;

      Awaited(CompletableFuture<BatchReceipt> answer) {
        this.answer = answer;
      }

      private void answer() {
        if (isDone()) {
          return;
        }
        try {
          complete(answer.join());
        } catch (CompletionException e) {
          completeExceptionally(e.getCause());
        }
        unanswered.decrementAndGet();
      }

      @Override
      public BatchReceipt join() {
        answer();
        return super.join();
      }

      @Override
      public BatchReceipt get() throws InterruptedException, ExecutionException {
        answer();
        return super.get();
      }

      @Override
      public BatchReceipt get(long timeout, TimeUnit unit)
          throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        answer();
        return super.get(timeout, unit);
      }
    }
  }
}
