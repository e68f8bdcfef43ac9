package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.Migration;
import io.datomize.catalog.SourceSchema;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.model.Converters;
import io.datomize.model.Mapping;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds every kind of bad row and checks that each is rejected with its reason while every good row
 * loads: rows that cannot be converted (null in a required column, unknown enum value, text that is
 * not a UUID or URI, NaN, invalid JSON) and rows the target refuses (a unique value taken twice, a
 * foreign key to a row that does not exist).
 */
class BadDataMigrationTest {
  private static final int GOOD_PEOPLE = 2_500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DataSource database;

  @TempDir Path runs;

  @BeforeAll
  static void seed() throws SQLException {
    database = EmbeddedPostgresServer.shared().createDatabase("bad_data");
    try (Connection connection = database.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(
          """
          CREATE TABLE people (
            id bigint PRIMARY KEY, name text, kind text, external_id text, site text,
            score double precision, profile text, email text)""");
      sql.execute(
          "CREATE TABLE pets (id bigint PRIMARY KEY, owner_id bigint REFERENCES people (id), name text)");
      sql.execute(
          """
          INSERT INTO people
          SELECT i, 'person ' || i, CASE WHEN i % 2 = 0 THEN 'staff' ELSE 'guest' END,
                 md5(i::text)::uuid::text, 'https://example.com/p/' || i, i / 10.0,
                 '{"n": ' || i || '}', 'p' || i || '@example.com'
          FROM generate_series(1, """
              + GOOD_PEOPLE
              + ") i");
      sql.execute(
          """
          INSERT INTO people VALUES
            (100001, NULL, 'staff', NULL, NULL, 1, NULL, 'a@example.com'),
            (100002, 'unknown kind', 'robot', NULL, NULL, 1, NULL, 'b@example.com'),
            (100003, 'bad uuid', 'staff', 'not-a-uuid', NULL, 1, NULL, 'c@example.com'),
            (100004, 'bad uri', 'staff', NULL, 'http://exa mple.com', 1, NULL, 'd@example.com'),
            (100005, 'not a number', 'staff', NULL, NULL, 'NaN', NULL, 'e@example.com'),
            (100006, 'bad json', 'staff', NULL, NULL, 1, '{"n": ', 'f@example.com'),
            (100007, 'email taken', 'staff', NULL, NULL, 1, NULL, 'p7@example.com')""");
      sql.execute("INSERT INTO pets SELECT i, i, 'pet ' || i FROM generate_series(1, 500) i");
      // a foreign key to a row that does not exist: PostgreSQL enforces it, so seed it past the
      // constraint
      sql.execute("SET session_replication_role = replica");
      sql.execute("INSERT INTO pets VALUES (900001, 424242, 'orphan')");
      sql.execute("SET session_replication_role = DEFAULT");
    }
  }

  private static Mapping mapping(SourceSchema schema) {
    return Mappings.define(schema)
        .table("people")
        .toEntity("person")
        .identifiedBy("id")
        .as("pg-id")
        .column("name")
        .to("name")
        .required()
        .column("kind")
        .toEnum("person.kind")
        .value("staff", "staff")
        .value("guest", "guest")
        .column("external_id")
        .to("external-id")
        .converted(Converters.textToUuid())
        .column("site")
        .to("site")
        .converted(Converters.textToUri())
        .column("score")
        .to("score")
        .column("profile")
        .to("profile")
        .converted(Converters.json())
        .column("email")
        .to("email")
        .unique()
        .table("pets")
        .toEntity("pet")
        .identifiedBy("id")
        .as("pg-id")
        .ref("owner_id")
        .to("owner")
        .column("name")
        .to("name")
        .build();
  }

  @Test
  void rejects_each_bad_row_with_its_reason_loads_every_good_row_and_reconciles()
      throws IOException {
    PostgresSource source = PostgresSource.builder().dataSource(database).build();
    try (DatomicTarget target =
        DatomicTarget.builder().uri("datomic:mem://bad-data-" + UUID.randomUUID()).build()) {
      Migration.Ready migration =
          Migration.from(source)
              .mapping(BadDataMigrationTest::mapping)
              .options(
                  RunOptions.builder()
                      .batchSize(200)
                      .errorPolicy(ErrorPolicy.maxRejects(100))
                      .runDirectory(runs)
                      .build())
              .to(target);
      MigrationReport report = migration.run();

      Map<String, String> reasons = rejectReasons(report);
      assertThat(reasons)
          .containsOnlyKeys(
              "public.people 100001",
              "public.people 100002",
              "public.people 100003",
              "public.people 100004",
              "public.people 100005",
              "public.people 100006",
              "public.people 100007",
              "public.pets 900001");
      assertThat(reasons.get("public.people 100001")).contains("name", "null");
      assertThat(reasons.get("public.people 100002")).contains("'robot'");
      assertThat(reasons.get("public.people 100003")).contains("not a UUID");
      assertThat(reasons.get("public.people 100004")).contains("not a URI");
      assertThat(reasons.get("public.people 100005")).contains("NaN");
      assertThat(reasons.get("public.people 100006")).contains("not JSON");
      assertThat(reasons.get("public.people 100007")).contains("p7@example.com");
      assertThat(reasons.get("public.pets 900001")).contains("424242");

      StepReport people = step(report, "load public.people");
      assertThat(people.rowsRead()).isEqualTo(GOOD_PEOPLE + 7);
      assertThat(people.rowsLoaded()).isEqualTo(GOOD_PEOPLE);
      assertThat(people.rowsRejected()).isEqualTo(7);
      StepReport pets = step(report, "load public.pets");
      assertThat(pets.rowsRead()).isEqualTo(501);
      assertThat(pets.rowsLoaded()).isEqualTo(500);
      assertThat(pets.rowsRejected()).isEqualTo(1);
      assertThat(report.steps()).allMatch(StepReport::reconciles);

      assertThat(target.countEntities(Attribute.of("person", "pg-id"))).isEqualTo(GOOD_PEOPLE);
      assertThat(target.countEntities(Attribute.of("pet", "pg-id"))).isEqualTo(500);
      assertThat(report.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(report.summary()).isTrue());
      assertThat(report.succeeded()).isTrue();
      assertThat(migration.verify(report.runId()).passed()).isTrue();
      assertThat(migration.verify().passed())
          .as("without the run, its rejected rows are differences")
          .isFalse();
    }
  }

  @Test
  void stops_with_the_run_id_when_the_error_policy_is_exceeded() {
    PostgresSource source = PostgresSource.builder().dataSource(database).build();
    try (DatomicTarget target =
        DatomicTarget.builder().uri("datomic:mem://bad-data-" + UUID.randomUUID()).build()) {
      Migration.Ready migration =
          Migration.from(source)
              .mapping(BadDataMigrationTest::mapping)
              .options(
                  RunOptions.builder()
                      .errorPolicy(ErrorPolicy.failFast())
                      .runDirectory(runs)
                      .build())
              .to(target);

      org.assertj.core.api.Assertions.assertThatThrownBy(migration::run)
          .isInstanceOf(io.datomize.run.MigrationFailedException.class)
          .hasMessageContaining("error policy: fail fast")
          .hasMessageContaining("public.people (id=100001) column name")
          .hasMessageContaining("resume it with resume(");
    }
  }

  /**
   * Table and key of each line of the reject file, to its reason; fails on a row rejected twice.
   */
  private static Map<String, String> rejectReasons(MigrationReport report) throws IOException {
    Path file = report.rejectsFile().orElseThrow();
    Map<String, String> reasons = new TreeMap<>();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    for (String line : lines) {
      JsonNode reject = JSON.readTree(line);
      String row = reject.get("table").asText() + " " + reject.get("key").get("id").asText();
      String reason =
          reject.get("reason").asText()
              + " "
              + reject.get("column").asText()
              + " "
              + reject.get("value").asText();
      assertThat(reasons.put(row, reason)).as("rejected twice: " + row).isNull();
    }
    return reasons;
  }

  private static StepReport step(MigrationReport report, String id) {
    return report.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElseThrow();
  }
}
