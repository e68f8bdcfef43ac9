package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.mapping.Mappings;
import io.datomize.run.FollowOptions;
import io.datomize.run.RunOptions;
import io.datomize.spi.SourceException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each missing prerequisite of following stops {@code follow()} with what to do about it. */
class FollowPrerequisitesTest {
  @TempDir Path runs;

  @Test
  void a_server_without_logical_decoding_is_refused_with_how_to_enable_it() {
    try (EmbeddedPostgresServer plain = EmbeddedPostgresServer.start(false)) {
      plain.createDatabase("plain");
      PostgresSource source = PostgresSource.builder().dataSource(plain.database("plain")).build();
      new SyncFixture(plain.database("plain"), RunOptions.defaults())
          .execute("CREATE TABLE item (id integer PRIMARY KEY, name text)");

      assertThatThrownBy(() -> follow(source))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("wal_level is replica, it must be logical")
          .hasMessageContaining("wal_level = logical")
          .hasMessageContaining("restart");
    }
  }

  @Test
  void a_user_without_replication_privilege_is_refused_with_the_grant_to_give() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("follow_privilege");
    db.execute(
        "CREATE TABLE item (id integer PRIMARY KEY, name text)",
        "DROP ROLE IF EXISTS follow_no_repl",
        "CREATE ROLE follow_no_repl LOGIN",
        "GRANT USAGE ON SCHEMA public TO follow_no_repl",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO follow_no_repl");
    PostgresSource asUser =
        PostgresSource.builder()
            .url(db.jdbcUrl().replaceAll("user=[^&]*", "user=follow_no_repl"))
            .build();

    assertThatThrownBy(() -> follow(asUser))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("user follow_no_repl may not replicate")
        .hasMessageContaining("ALTER ROLE \"follow_no_repl\" REPLICATION")
        .hasMessageNotContaining("replica identity");
  }

  @Test
  void a_table_without_replica_identity_is_refused_with_the_statement_that_gives_it_one() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("follow_identity");
    db.execute(
        "CREATE TABLE item (id integer PRIMARY KEY, name text)",
        "CREATE TABLE event_log (at timestamptz, message text)");

    assertThatThrownBy(() -> follow(PostgresSource.builder().dataSource(db.dataSource()).build()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("public.event_log has no replica identity")
        .hasMessageContaining("ALTER TABLE \"public\".\"event_log\" REPLICA IDENTITY FULL")
        .hasMessageNotContaining("public.item");
  }

  @Test
  void a_bridge_whose_deletes_name_only_its_surrogate_key_is_refused_until_its_identity_is_full() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("follow_bridge_identity");
    db.execute(
        "CREATE TABLE person (id integer PRIMARY KEY)",
        "CREATE TABLE team (id integer PRIMARY KEY)",
        "CREATE TABLE person_teams (id bigserial PRIMARY KEY,"
            + " person_id integer NOT NULL REFERENCES person (id),"
            + " team_id integer NOT NULL REFERENCES team (id), UNIQUE (person_id, team_id))");

    assertThatThrownBy(() -> follow(PostgresSource.builder().dataSource(db.dataSource()).build()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(
            "public.person_teams: the old row of an update or delete holds only its replica"
                + " identity [id], and following needs [person_id, team_id] in it too")
        .hasMessageContaining("ALTER TABLE \"public\".\"person_teams\" REPLICA IDENTITY FULL")
        .hasMessageNotContaining("public.person:")
        .hasMessageNotContaining("public.team:");
  }

  private void follow(PostgresSource source) {
    try (DatomicTarget target = DatomicTarget.builder().uri(SyncFixture.uri()).build()) {
      Migration.from(source)
          .mapping(schema -> Mappings.conventions(schema).build())
          .options(RunOptions.builder().runDirectory(runs).build())
          .to(target)
          .follow(FollowOptions.builder().followId("prerequisites").untilCaughtUp(true).build());
    }
  }
}
