package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.FollowReport;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table without key, under {@code REPLICA IDENTITY FULL}, followed by its rows' content: each
 * delete of one of several equal rows removes exactly one entity, and the target ends as a fresh
 * load numbers the rows. The values hold what PostgreSQL's record text quotes, so that the hash the
 * follower computes from the streamed values must equal the one reads compute in SQL.
 */
class FollowKeylessTest {
  @TempDir Path runs;

  @Test
  void deletes_of_equal_rows_remove_one_entity_each_and_the_target_equals_a_fresh_load() {
    SyncFixture source =
        new SyncFixture(
            EmbeddedPostgresServer.shared().createDatabase("follow_keyless"),
            RunOptions.builder().runDirectory(runs).build());
    source.execute(
        "CREATE TABLE event_log (message text, detail text, n integer)",
        "ALTER TABLE event_log REPLICA IDENTITY FULL",
        "INSERT INTO event_log VALUES ('same', 'x', 1), ('same', 'x', 1), ('same', 'x', 1),"
            + " ('a b', '', NULL), ('a b', '', NULL), ('q\"uote\\\\back', '(p,q)', 2),"
            + " (E'tab\\there', 'é ünï', 3), (NULL, NULL, NULL), (NULL, NULL, NULL)");
    String uri = SyncFixture.uri();
    Attribute identity = source.identities().get(0);
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      FollowReport loaded = FollowFixture.followToTheEnd(source, target, "keyless");
      assertThat(loaded.snapshot()).isPresent();
      assertThat(target.countEntities(identity)).isEqualTo(9);

      source.execute(
          "DELETE FROM event_log WHERE ctid = (SELECT min(ctid) FROM event_log WHERE n = 1)",
          "DELETE FROM event_log WHERE ctid = (SELECT min(ctid) FROM event_log WHERE n IS NULL"
              + " AND message IS NULL)",
          "INSERT INTO event_log VALUES ('a b', '', NULL), ('q\"uote\\\\back', '(p,q)', 2)",
          "UPDATE event_log SET n = 4 WHERE ctid = (SELECT max(ctid) FROM event_log WHERE n = 1)");
      source.execute(
          "BEGIN",
          "DELETE FROM event_log WHERE ctid = (SELECT min(ctid) FROM event_log WHERE detail = '')",
          "INSERT INTO event_log VALUES ('same', 'x', 1), ('same', 'x', 1)",
          "DELETE FROM event_log WHERE ctid = (SELECT max(ctid) FROM event_log WHERE n = 1)",
          "COMMIT");
      FollowReport followed = FollowFixture.followToTheEnd(source, target, "keyless");

      assertThat(followed.transactions()).isEqualTo(5);
      assertThat(followed.rowsRejected()).isZero();
      assertThat(target.countEntities(identity))
          .isEqualTo(source.count("SELECT count(*) FROM event_log"));
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
    }
  }
}
