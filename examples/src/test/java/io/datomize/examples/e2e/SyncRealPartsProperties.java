package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import datomic.Peer;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a source goes through (rows inserted, changed, nulled, re-pointed and deleted, array
 * elements and bridge links added and removed), a load followed by syncs, one after each round of
 * changes, leaves the same database as a fresh load of the final source, and one more sync
 * transacts no data. Real parts: the embedded PostgreSQL and a Datomic Peer on {@code datomic:mem}.
 */
class SyncRealPartsProperties {
  private static final String SCHEMA =
      """
      CREATE TABLE author (id bigint PRIMARY KEY, name text);
      CREATE TABLE post (
        id bigint PRIMARY KEY,
        author_id bigint REFERENCES author (id) ON DELETE SET NULL,
        title text,
        keywords text[]);
      CREATE TABLE tag (id bigint PRIMARY KEY, label text);
      CREATE TABLE post_tag (
        post_id bigint REFERENCES post (id) ON DELETE CASCADE,
        tag_id bigint REFERENCES tag (id) ON DELETE CASCADE,
        PRIMARY KEY (post_id, tag_id));
      """;
  private static DataSource database;

  @BeforeContainer
  static void createDatabase() {
    database = EmbeddedPostgresServer.freshDatabase("sync_properties").dataSource();
  }

  @Property(tries = 12)
  void a_load_and_syncs_after_each_round_of_changes_equal_a_fresh_load(
      @ForAll("histories") List<List<String>> rounds) {
    SyncFixture source =
        new SyncFixture(
            database,
            RunOptions.builder()
                .batchSize(3)
                .verify(false)
                .runDirectory(Path.of("target", "sync-properties-runs"))
                .build());
    source.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public", SCHEMA);
    source.execute(rounds.get(0).toArray(String[]::new));
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport load = source.migration().to(target).run();
      assertThat(load.succeeded()).as(load.summary()).isTrue();
      for (List<String> round : rounds.subList(1, rounds.size())) {
        source.execute(round.toArray(String[]::new));
        MigrationReport sync = source.migration().to(target).sync();
        assertThat(sync.succeeded()).as(sync.summary()).isTrue();
        assertThat(sync.rowsRejected()).as(sync.summary()).isZero();
      }

      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      long basis = SyncFixture.basisT(uri);
      MigrationReport last = source.migration().to(target).sync();
      assertThat(last.succeeded()).as(last.summary()).isTrue();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis)).as(last.summary()).isEmpty();
    } finally {
      Peer.deleteDatabase(uri);
    }
  }

  /** An initial source and one to three rounds of changes, each a list of SQL statements. */
  @Provide
  Arbitrary<List<List<String>>> histories() {
    Arbitrary<List<String>> round = change().list().ofMinSize(1).ofMaxSize(12);
    return Combinators.combine(
            change().list().ofMinSize(4).ofMaxSize(16), round.list().ofMinSize(1).ofMaxSize(3))
        .as(
            (initial, later) -> {
              List<List<String>> rounds = new ArrayList<>();
              rounds.add(initial);
              rounds.addAll(later);
              return rounds;
            });
  }

  private static Arbitrary<String> change() {
    Arbitrary<Integer> author = Arbitraries.integers().between(1, 4);
    Arbitrary<Integer> post = Arbitraries.integers().between(1, 5);
    Arbitrary<Integer> tag = Arbitraries.integers().between(1, 3);
    Arbitrary<String> text =
        Arbitraries.of("a", "b", "", "it's", "ünï", "long text ".repeat(5)).injectNull(0.3);
    Arbitrary<String> tags =
        Arbitraries.of("x", "y", "z", "it's")
            .list()
            .ofMaxSize(4)
            .map(
                elements ->
                    elements.stream()
                        .map(SyncRealPartsProperties::literal)
                        .collect(Collectors.joining(", ", "ARRAY[", "]::text[]")))
            .injectNull(0.3)
            .map(a -> a == null ? "NULL" : a);
    return Arbitraries.oneOf(
        Combinators.combine(author, text)
            .as(
                (id, name) ->
                    "INSERT INTO author VALUES (%d, %s) ON CONFLICT (id) DO UPDATE SET name = excluded.name"
                        .formatted(id, literal(name))),
        author.map("DELETE FROM author WHERE id = %d"::formatted),
        Combinators.combine(post, author, text, tags)
            .as(
                (id, by, title, array) ->
                    ("INSERT INTO post SELECT %d, (SELECT id FROM author WHERE id = %d), %s, %s"
                            + " ON CONFLICT (id) DO UPDATE SET author_id = excluded.author_id,"
                            + " title = excluded.title, keywords = excluded.keywords")
                        .formatted(id, by, literal(title), array)),
        Combinators.combine(post, tags)
            .as((id, array) -> "UPDATE post SET keywords = %s WHERE id = %d".formatted(array, id)),
        Combinators.combine(post, author)
            .as(
                (id, by) ->
                    "UPDATE post SET author_id = (SELECT id FROM author WHERE id = %d) WHERE id = %d"
                        .formatted(by, id)),
        post.map("UPDATE post SET title = NULL, author_id = NULL WHERE id = %d"::formatted),
        post.map("DELETE FROM post WHERE id = %d"::formatted),
        Combinators.combine(tag, text)
            .as(
                (id, label) ->
                    "INSERT INTO tag VALUES (%d, %s) ON CONFLICT (id) DO UPDATE SET label = excluded.label"
                        .formatted(id, literal(label))),
        tag.map("DELETE FROM tag WHERE id = %d"::formatted),
        Combinators.combine(post, tag)
            .as(
                (p, t) ->
                    ("INSERT INTO post_tag SELECT p.id, t.id FROM post p, tag t"
                            + " WHERE p.id = %d AND t.id = %d ON CONFLICT DO NOTHING")
                        .formatted(p, t)),
        Combinators.combine(post, tag)
            .as(
                (p, t) ->
                    "DELETE FROM post_tag WHERE post_id = %d AND tag_id = %d".formatted(p, t)));
  }

  private static String literal(String text) {
    return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
  }
}
