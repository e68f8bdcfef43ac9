package io.datomize.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import datomic.Connection;
import datomic.Entity;
import datomic.Peer;
import datomic.Util;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadersTest {
  private static final long ROWS = 2_000;

  private static DataSource source;
  private static LoadVerifier verifier;

  private String uri;
  private Connection connection;

  @BeforeAll
  static void generate() throws Exception {
    source = EmbeddedPostgresServer.shared().createDatabase("queryfeed_loaders");
    QueryfeedDatabase.create(source, ROWS);
    verifier = LoadVerifier.of(source);
  }

  @AfterEach
  void deleteDatabase() {
    if (connection != null) {
      connection.release();
      Peer.deleteDatabase(uri);
    }
  }

  @Test
  void naive_loader_loads_every_row_link_and_value() throws Exception {
    LoadResult result = load(new NaiveLoader(), TransactorLatency.none());

    assertThat(result.rows()).isEqualTo(ROWS);
    assertThat(verifier.problems(result, connection.db())).isEmpty();
  }

  @Test
  void hand_tuned_loader_loads_every_row_link_and_value() throws Exception {
    LoadResult result = load(new HandTunedLoader(), TransactorLatency.none());

    assertThat(result.rows()).isEqualTo(ROWS);
    assertThat(verifier.problems(result, connection.db())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void datomize_loader_loads_the_baselines_attributes_and_verifies_its_own_load(boolean bulk)
      throws Exception {
    LoadResult result = load(new DatomizeLoader(bulk), TransactorLatency.none());

    assertThat(result.rows()).isEqualTo(ROWS);
    assertThat(result.ownVerification()).isPositive();
    assertThat(verifier.problems(result, connection.db())).isEmpty();
  }

  @Test
  void datomize_bulk_loader_is_complete_behind_a_slow_transactor() throws Exception {
    LoadResult result = load(new DatomizeLoader(true), TransactorLatency.ofMillis(2));

    assertThat(verifier.problems(result, connection.db())).isEmpty();
  }

  @Test
  void naive_loader_is_complete_behind_a_slow_transactor() throws Exception {
    LoadResult result = load(new NaiveLoader(), TransactorLatency.ofMillis(2));

    assertThat(verifier.problems(result, connection.db())).isEmpty();
  }

  @Test
  void hand_tuned_loader_is_complete_behind_a_slow_transactor_with_small_batches()
      throws Exception {
    LoadResult result = load(new HandTunedLoader(3, 97), TransactorLatency.ofMillis(2));

    assertThat(verifier.problems(result, connection.db())).isEmpty();
  }

  @Test
  void verifier_reports_a_changed_value_a_missing_link_and_a_wrong_datom_count() throws Exception {
    LoadResult result = load(new HandTunedLoader(), TransactorLatency.none());
    Object firstPost = List.of(QueryfeedTarget.POSTS.identity(), 1L);
    Object tags = connection.db().entity(firstPost).get(QueryfeedTarget.POST_TAGS);
    Entity oneTag = (Entity) ((Collection<?>) tags).iterator().next();
    connection
        .transact(
            List.of(
                List.of(
                    Util.read(":db/add"),
                    List.of(QueryfeedTarget.USERS.identity(), 1L),
                    QueryfeedTarget.USERS.columns().get(2).attribute(),
                    "Mallory"),
                List.of(
                    Util.read(":db/retract"),
                    firstPost,
                    QueryfeedTarget.POST_TAGS,
                    oneTag.get(":db/id"))))
        .get();

    List<String> problems =
        verifier.problems(
            new LoadResult(result.rows(), result.datoms() + 1, result.elapsed()), connection.db());

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("reports " + (result.datoms() + 1) + " datoms"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains(":post/tags has"));
    assertThat(problems)
        .anySatisfy(
            p -> assertThat(p).contains("users id 1, column first_name").contains("Mallory"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("post 1: source tags"));
  }

  @Test
  void splits_the_source_as_the_verifier_counts_it() {
    QueryfeedSize size = QueryfeedSize.ofTotal(ROWS);

    assertThat(verifier.rows()).isEqualTo(size.total());
  }

  private LoadResult load(Loader loader, TransactorLatency latency) throws Exception {
    uri = "datomic:mem://loaders-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    connection = Peer.connect(uri);
    return loader.load(source, new LoadTarget(uri, latency.wrap(connection), latency));
  }
}
