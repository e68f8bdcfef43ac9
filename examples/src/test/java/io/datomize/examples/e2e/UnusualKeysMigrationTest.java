package io.datomize.examples.e2e;

import static io.datomize.examples.e2e.SyncFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.FollowReport;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables keyed by types Datomic has no type for (inet, interval, time), identified by their text,
 * and by floating-point numbers, referenced by foreign keys: they load, bulk-load to the same
 * database, sync, follow and verify, and a key Datomic cannot hold (NaN) rejects its row instead of
 * stopping the run.
 */
class UnusualKeysMigrationTest {
  @TempDir Path runs;

  private SyncFixture source(String name) {
    SyncFixture source =
        new SyncFixture(
            EmbeddedPostgresServer.freshDatabase(name).dataSource(),
            RunOptions.builder().runDirectory(runs).build());
    source.execute(
        "CREATE TABLE host (addr inet PRIMARY KEY, name text)",
        "CREATE TABLE slot (span interval PRIMARY KEY, label text)",
        "CREATE TABLE shift (starts time, site int, label text, PRIMARY KEY (starts, site))",
        "CREATE TABLE gauge (level float8 PRIMARY KEY, label text, price money)",
        "CREATE TABLE visit (id int PRIMARY KEY, addr inet REFERENCES host,"
            + " span interval REFERENCES slot, level float8 REFERENCES gauge, starts time, site int,"
            + " FOREIGN KEY (starts, site) REFERENCES shift)",
        "INSERT INTO host VALUES ('10.0.0.1', 'a'), ('::1', 'b'), ('192.168.0.0/16', 'net')",
        "INSERT INTO slot VALUES ('1 day', 'day'), ('2 hours', 'short'), ('1 mon 2 days', 'long')",
        "INSERT INTO shift VALUES ('08:00', 1, 'early'), ('08:00', 2, 'early'), ('16:30', 1, 'late')",
        "INSERT INTO gauge VALUES (0.1, 'low', 1234.5), (-0.0, 'zero', -0.25), (1e300, 'high', NULL),"
            + " (2.5, 'mid', 0)",
        "INSERT INTO visit VALUES (1, '10.0.0.1', '1 day', 0.1, '08:00', 1),"
            + " (2, '::1', '2 hours', 1e300, '16:30', 1), (3, NULL, NULL, NULL, NULL, NULL)");
    return source;
  }

  @Test
  void they_load_bulk_load_alike_sync_and_verify() {
    SyncFixture source = source("unusual_keys");
    String uri = SyncFixture.uri();
    String bulkUri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build();
        DatomicTarget bulkTarget = DatomicTarget.builder().uri(bulkUri).build()) {
      MigrationReport load = source.migration().to(target).run();
      MigrationReport bulk = source.migration().to(bulkTarget).bulkLoad();

      assertThat(load.rowsRejected()).as(load.summary()).isZero();
      assertThat(load.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(load.summary()).isTrue());
      assertThat(bulk.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(bulk.summary()).isTrue());
      assertThat(source.dump(bulkUri)).isEqualTo(source.dump(uri));

      source.execute(
          "UPDATE host SET name = 'renamed' WHERE addr = '::1'",
          "DELETE FROM slot WHERE span = '1 mon 2 days'",
          "INSERT INTO gauge VALUES (3.75, 'new')",
          "UPDATE visit SET addr = '192.168.0.0/16', level = 3.75, starts = '08:00', site = 2"
              + " WHERE id = 3");
      MigrationReport sync = source.migration().to(target).sync();

      assertThat(sync.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(sync.summary()).isTrue());
      assertThat(step(sync, "load public.slot").entitiesDeleted()).isEqualTo(1);
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
    }
  }

  @Test
  void a_follow_applies_their_changes_as_a_fresh_load_would_make_them() {
    SyncFixture source = source("unusual_keys_follow");
    source.execute("ALTER TABLE visit REPLICA IDENTITY FULL");
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      FollowFixture.followToTheEnd(source, target, "unusual_keys");
      source.execute(
          "UPDATE host SET name = 'renamed' WHERE addr = '::1'",
          "DELETE FROM slot WHERE span = '1 mon 2 days'",
          "INSERT INTO gauge VALUES (3.75, 'new', -98765.43)",
          "UPDATE gauge SET price = 1000000 WHERE level = 2.5",
          "INSERT INTO host VALUES ('2001:db8::/32', 'v6 net')",
          "UPDATE visit SET addr = '2001:db8::/32', level = 3.75, starts = '08:00', site = 2"
              + " WHERE id = 3",
          "DELETE FROM visit WHERE id = 1");

      FollowReport followed = FollowFixture.followToTheEnd(source, target, "unusual_keys");

      assertThat(followed.rowsRejected()).as(followed.toString()).isZero();
      assertThat(source.dump(uri)).isEqualTo(source.fresh());
    }
  }

  @Test
  void a_key_datomic_cannot_hold_rejects_its_row_and_the_run_goes_on() {
    SyncFixture source = source("unusual_keys_nan");
    source.execute(
        "CREATE TABLE price (amount numeric PRIMARY KEY, label text)",
        "INSERT INTO price VALUES (1.5, 'a'), ('NaN', 'not a number'), (2.5, 'b')",
        "INSERT INTO gauge VALUES ('NaN', 'broken')");
    try (DatomicTarget target = DatomicTarget.builder().uri(SyncFixture.uri()).build()) {
      MigrationReport load = source.migration().to(target).run();

      assertThat(load.succeeded()).as(load.summary()).isTrue();
      assertThat(step(load, "load public.price").rowsRejected()).isEqualTo(1);
      assertThat(step(load, "load public.price").rowsLoaded()).isEqualTo(2);
      assertThat(step(load, "load public.gauge").rowsRejected()).isEqualTo(1);
      assertThat(load.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(load.summary()).isTrue());
    }
  }
}
