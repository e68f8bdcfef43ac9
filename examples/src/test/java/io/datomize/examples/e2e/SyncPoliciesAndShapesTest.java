package io.datomize.examples.e2e;

import static io.datomize.examples.e2e.SyncFixture.basisT;
import static io.datomize.examples.e2e.SyncFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import clojure.lang.Keyword;
import datomic.Peer;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.DeletedRows;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import io.datomize.verify.TableVerification;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deleted-rows policies and the table shapes a sync has to find its entities in (no key, a
 * composite key, a text key, a self-reference the planner defers to a link step), on the embedded
 * PostgreSQL and a Datomic Peer on {@code datomic:mem}.
 */
class SyncPoliciesAndShapesTest {
  private static final String ITEMS =
      "CREATE TABLE item (id bigint PRIMARY KEY, name text);"
          + " INSERT INTO item SELECT i, 'item ' || i FROM generate_series(1, 5) i";
  private static final Attribute ITEM_ID = Attribute.of("item", "id");

  @TempDir Path runs;

  @Test
  void mark_keeps_deleted_entities_marked_once_and_a_reinserted_row_loses_its_mark() {
    SyncFixture source = fixture("sync_mark", ITEMS, DeletedRows.MARK);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();
      source.execute("DELETE FROM item WHERE id IN (4, 5)");

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(step(sync, "load public.item").entitiesDeleted()).isEqualTo(2);
      assertThat(target.countEntities(ITEM_ID)).isEqualTo(5);
      assertThat(marked(uri)).containsExactly(4L, 5L);
      assertThat(sync.verification())
          .hasValueSatisfying(
              v -> {
                assertThat(v.passed()).as(sync.summary()).isTrue();
                assertThat(v.tables()).extracting(TableVerification::keptEntities).contains(2L);
              });

      long basis = basisT(uri);
      MigrationReport again = source.migration().to(target).sync();
      assertThat(again.succeeded()).as(again.summary()).isTrue();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis))
          .as("entities marked before are not marked again")
          .isEmpty();

      source.execute("INSERT INTO item VALUES (4, 'back')");
      MigrationReport back = source.migration().to(target).sync();
      assertThat(back.succeeded()).as(back.summary()).isTrue();
      assertThat(marked(uri)).containsExactly(5L);
      assertThat(target.countEntities(ITEM_ID)).isEqualTo(5);
      Collection<?> names =
          Peer.q("[:find [?n ...] :where [?e :item/id 4] [?e :item/name ?n]]", db(uri));
      assertThat(List.copyOf(names)).isEqualTo(List.of("back"));
    }
  }

  @Test
  void report_counts_deleted_entities_and_changes_nothing() {
    SyncFixture source = fixture("sync_report", ITEMS, DeletedRows.REPORT);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();
      source.execute("DELETE FROM item WHERE id IN (1, 3)");
      long basis = basisT(uri);

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      StepReport items = step(sync, "load public.item");
      assertThat(items.entitiesDeleted()).isEqualTo(2);
      assertThat(items.datomsRetracted()).isZero();
      assertThat(target.countEntities(ITEM_ID)).isEqualTo(5);
      assertThat(marked(uri)).isEmpty();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis)).isEmpty();
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
    }
  }

  @Test
  void in_a_keyless_table_one_deleted_duplicate_is_one_entity_and_a_changed_row_a_new_one() {
    SyncFixture source =
        fixture(
            "sync_keyless",
            "CREATE TABLE visit (page text, hits int);"
                + " INSERT INTO visit VALUES ('a', 1), ('a', 1), ('a', 1), ('b', 2), ('c', 3)",
            DeletedRows.RETRACT);
    Attribute identity = source.identities().get(0);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();
      assertThat(target.countEntities(identity)).isEqualTo(5);
      Set<Object> before = values(uri, identity);
      source.execute(
          "DELETE FROM visit WHERE ctid = (SELECT min(ctid) FROM visit WHERE page = 'a')",
          "UPDATE visit SET hits = 20 WHERE page = 'b'");

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      StepReport visits = step(sync, "load public.visit");
      assertThat(visits.entitiesDeleted()).isEqualTo(2);
      assertThat(visits.rowsInserted()).isEqualTo(1);
      assertThat(visits.rowsUpdated()).isZero();
      assertThat(target.countEntities(identity)).isEqualTo(4);
      Set<Object> after = values(uri, identity);
      assertThat(after).hasSize(4);
      assertThat(after.stream().filter(before::contains).count())
          .as("the two duplicates left and the unchanged row keep their entities")
          .isEqualTo(3);
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
    }
  }

  @Test
  void a_composite_key_table_and_a_text_key_table_sync_deletes_updates_and_moves() {
    SyncFixture source =
        fixture(
            "sync_keys",
            "CREATE TABLE country (code text PRIMARY KEY, name text);"
                + " CREATE TABLE city (id int PRIMARY KEY, name text,"
                + "   country_code text REFERENCES country (code));"
                + " CREATE TABLE enrollment (student int, course text, grade text,"
                + "   PRIMARY KEY (student, course));"
                + " INSERT INTO country VALUES ('FR', 'France'), ('DE', 'Germany'), ('ÉS', 'España');"
                + " INSERT INTO city VALUES (1, 'Paris', 'FR'), (2, 'Lyon', 'FR'), (3, 'Bonn', 'DE');"
                + " INSERT INTO enrollment SELECT s, c, 'A' FROM generate_series(1, 4) s,"
                + "   unnest(ARRAY['math', 'art', 'it''s']) c",
            DeletedRows.RETRACT);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();
      source.execute(
          "UPDATE city SET country_code = 'ÉS' WHERE id = 3",
          "DELETE FROM country WHERE code = 'DE'",
          "UPDATE country SET name = NULL WHERE code = 'FR'",
          "INSERT INTO country VALUES ('de', 'lower case')",
          "UPDATE city SET country_code = NULL WHERE id = 2",
          "DELETE FROM enrollment WHERE student = 2 OR course = 'it''s'",
          "UPDATE enrollment SET grade = NULL WHERE student = 3 AND course = 'art'",
          "INSERT INTO enrollment VALUES (9, 'math', 'B')");

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(step(sync, "load public.country").entitiesDeleted()).isEqualTo(1);
      assertThat(step(sync, "load public.enrollment").entitiesDeleted()).isEqualTo(6);
      assertThat(step(sync, "load public.enrollment").rowsUpdated()).isEqualTo(1);
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
    }
  }

  @Test
  void a_bridge_numbered_by_a_surrogate_key_syncs_links_added_moved_and_removed() {
    SyncFixture source =
        fixture(
            "sync_surrogate_bridge",
            "CREATE TABLE person (id int PRIMARY KEY, name text);"
                + " CREATE TABLE team (id int PRIMARY KEY, name text);"
                + " CREATE TABLE person_teams (id bigserial PRIMARY KEY,"
                + "   person_id int NOT NULL REFERENCES person (id),"
                + "   team_id int NOT NULL REFERENCES team (id), UNIQUE (person_id, team_id));"
                + " INSERT INTO person SELECT p, 'person ' || p FROM generate_series(1, 5) p;"
                + " INSERT INTO team SELECT t, 'team ' || t FROM generate_series(1, 3) t;"
                + " INSERT INTO person_teams (person_id, team_id)"
                + "   SELECT p, t FROM generate_series(1, 5) p, generate_series(1, 3) t WHERE p % t = 0",
            DeletedRows.RETRACT);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport load = source.migration().to(target).run();
      assertThat(load.steps())
          .extracting(StepReport::stepId)
          .contains("bridge public.person_teams");
      source.execute(
          "DELETE FROM person_teams WHERE person_id = 2 AND team_id = 2",
          "UPDATE person_teams SET team_id = 3 WHERE person_id = 4 AND team_id = 2",
          "INSERT INTO person_teams (person_id, team_id) VALUES (5, 2), (1, 3)");

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
    }
  }

  @Test
  void refs_by_a_decimal_of_another_scale_are_unchanged_until_they_change() {
    SyncFixture source =
        fixture(
            "sync_decimal_refs",
            "CREATE TABLE rate (rate numeric PRIMARY KEY, label text);"
                + " CREATE TABLE rated (id int PRIMARY KEY, rate numeric REFERENCES rate (rate));"
                + " INSERT INTO rate VALUES (1.0, 'one'), (2.50, 'two and a half');"
                + " INSERT INTO rated VALUES (1, 1.00), (2, 1), (3, 2.5)",
            DeletedRows.RETRACT);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();

      MigrationReport unchanged = source.migration().to(target).sync();
      source.execute("UPDATE rated SET rate = 2.500 WHERE id = 1");
      MigrationReport changed = source.migration().to(target).sync();

      assertThat(unchanged.datoms()).as(unchanged.summary()).isZero();
      assertThat(step(changed, "load public.rated").rowsUpdated())
          .as(changed.summary())
          .isEqualTo(1);
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
    }
  }

  @Test
  void a_deferred_self_reference_is_re_pointed_and_nulled() {
    SyncFixture source =
        fixture(
            "sync_deferred",
            "CREATE TABLE employee (id int PRIMARY KEY, name text,"
                + "   manager_id int REFERENCES employee (id));"
                + " INSERT INTO employee VALUES (1, 'boss', NULL), (2, 'mid', 1), (3, 'low', 2),"
                + "   (4, 'other', 2), (5, 'new boss', NULL)",
            DeletedRows.RETRACT);
    assertThat(source.migration().plan().deferredRefs()).isNotEmpty();
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      source.migration().to(target).run();
      source.execute(
          "UPDATE employee SET manager_id = 5 WHERE id = 2",
          "UPDATE employee SET manager_id = NULL WHERE id = 3",
          "UPDATE employee SET manager_id = 1 WHERE id = 4",
          "INSERT INTO employee VALUES (6, 'newcomer', 6)",
          "UPDATE employee SET manager_id = 6 WHERE id = 1");

      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());

      source.execute(
          "UPDATE employee SET manager_id = NULL WHERE manager_id = 2",
          "DELETE FROM employee WHERE id = 2");
      MigrationReport delete = source.migration().to(target).sync();
      assertThat(delete.succeeded()).as(delete.summary()).isTrue();
      assertThat(step(delete, "load public.employee").entitiesDeleted()).isEqualTo(1);
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
      long basis = basisT(uri);
      source.migration().to(target).sync();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis)).isEmpty();
    }
  }

  private SyncFixture fixture(String name, String ddl, DeletedRows policy) {
    SyncFixture source =
        new SyncFixture(
            EmbeddedPostgresServer.freshDatabase(name).dataSource(),
            RunOptions.builder().runDirectory(runs).deletedRows(policy).build());
    source.execute(ddl);
    return source;
  }

  /** The ids of the items marked deleted. */
  private static Set<Long> marked(String uri) {
    Collection<?> ids =
        Peer.q(
            "[:find [?id ...] :where [?e :item/id ?id] [?e :datomize.entity/deleted-at]]", db(uri));
    Set<Long> sorted = new TreeSet<>();
    ids.forEach(id -> sorted.add((Long) id));
    return sorted;
  }

  private static Set<Object> values(String uri, Attribute attribute) {
    Collection<?> found =
        Peer.q(
            "[:find [?v ...] :in $ ?a :where [_ ?a ?v]]",
            db(uri),
            Keyword.intern(attribute.namespace(), attribute.name()));
    return Set.copyOf(found);
  }

  private static datomic.Database db(String uri) {
    return Peer.connect(uri).db();
  }
}
