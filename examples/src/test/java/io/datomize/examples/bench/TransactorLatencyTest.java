package io.datomize.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datomic.Connection;
import datomic.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class TransactorLatencyTest {
  @Test
  void delayed_future_carries_the_value() throws Exception {
    CompletableFuture<String> delivered =
        TransactorLatency.ofMillis(1).delay(CompletableFuture.completedFuture("tx"));

    assertThat(delivered.get()).isEqualTo("tx");
  }

  @Test
  void delayed_future_carries_the_failure() {
    IllegalStateException rejected = new IllegalStateException("rejected");

    CompletableFuture<String> delivered =
        TransactorLatency.ofMillis(1).delay(CompletableFuture.failedFuture(rejected));

    assertThatThrownBy(delivered::get).isInstanceOf(ExecutionException.class).hasCause(rejected);
  }

  @Test
  void a_committed_transaction_is_not_delivered_before_the_latency() {
    CompletableFuture<String> delivered =
        TransactorLatency.of(Duration.ofHours(1)).delay(CompletableFuture.completedFuture("tx"));

    assertThat(delivered).isNotDone();
  }

  @Test
  void async_transactions_return_to_the_submitter_before_they_are_delivered() throws Exception {
    String uri = "datomic:mem://latency-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    Connection connection = Peer.connect(uri);
    try {
      Connection remote = TransactorLatency.of(Duration.ofHours(1)).wrap(connection);
      @SuppressWarnings("rawtypes")
      datomic.ListenableFuture<Map> pending =
          remote.transactAsync(
              List.of(Map.of(datomic.Util.read(":db/ident"), datomic.Util.read(":bench/probe"))));

      connection.sync().get();
      assertThat(pending.isDone()).isFalse();
      assertThat(connection.db().entid(datomic.Util.read(":bench/probe"))).isNotNull();
    } finally {
      connection.release();
      Peer.deleteDatabase(uri);
    }
  }

  @Test
  void no_latency_leaves_the_connection_as_it_is() throws Exception {
    String uri = "datomic:mem://latency-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    Connection connection = Peer.connect(uri);
    try {
      assertThat(TransactorLatency.none().wrap(connection)).isSameAs(connection);
    } finally {
      connection.release();
      Peer.deleteDatabase(uri);
    }
  }

  @Test
  void refuses_a_negative_latency() {
    assertThatThrownBy(() -> TransactorLatency.ofMillis(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }
}
