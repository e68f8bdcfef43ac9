package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedMapping;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryfeedMigrationTest {
  private static final long ROWS = 5_000;
  private static DataSource database;
  private static QueryfeedSize size;

  @TempDir Path runs;

  @BeforeAll
  static void generate() {
    database = EmbeddedPostgresServer.shared().createDatabase("queryfeed_e2e");
    size = QueryfeedDatabase.create(database, ROWS);
  }

  @Test
  void migrates_every_row_and_link_and_verifies_clean() throws IOException {
    PostgresSource source = PostgresSource.builder().dataSource(database).build();
    try (DatomicTarget target =
        DatomicTarget.builder().uri("datomic:mem://queryfeed-" + UUID.randomUUID()).build()) {
      MigrationReport report =
          Migration.from(source)
              .mapping(QueryfeedMapping::mapping)
              .options(RunOptions.builder().runDirectory(runs).build())
              .to(target)
              .run();

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.rowsRejected()).isZero();
      assertThat(report.rejectsFile()).isEmpty();
      assertThat(report.verification())
          .hasValueSatisfying(
              v -> {
                assertThat(v.passed()).as(report.summary()).isTrue();
                assertThat(v.sampled()).isFalse();
              });
      assertThat(step(report, "load public.users").rowsLoaded()).isEqualTo(size.users());
      assertThat(step(report, "load public.posts").rowsLoaded()).isEqualTo(size.posts());
      assertThat(step(report, "bridge public.post_tags").rowsLoaded()).isEqualTo(size.postTags());
      assertThat(target.countEntities(Attribute.of("user", "pg-id"))).isEqualTo(size.users());
      assertThat(target.countValues(Attribute.of("post", "tags"))).isEqualTo(size.postTags());
      JsonNode json =
          new ObjectMapper().readTree(runs.resolve(report.runId()).resolve("report.json").toFile());
      assertThat(json.get("runId").asText()).isEqualTo(report.runId());
      assertThat(json.get("succeeded").asBoolean()).isTrue();
      assertThat(json.get("rowsRead").asLong()).isEqualTo(size.total());
      assertThat(json.get("verification").get("passed").asBoolean()).isTrue();
      assertThat(json.get("steps")).hasSize(report.steps().size());
    }
  }

  @Test
  void verifies_values_of_a_sample_when_asked_but_counts_and_refs_in_full() {
    PostgresSource source = PostgresSource.builder().dataSource(database).build();
    try (DatomicTarget target =
        DatomicTarget.builder().uri("datomic:mem://queryfeed-" + UUID.randomUUID()).build()) {
      MigrationReport report =
          Migration.from(source)
              .mapping(QueryfeedMapping::mapping)
              .options(RunOptions.builder().verifySample(10).runDirectory(runs).build())
              .to(target)
              .run();

      assertThat(report.verification())
          .hasValueSatisfying(
              v -> {
                assertThat(v.sampled()).isTrue();
                assertThat(v.passed()).isTrue();
                assertThat(v.tables())
                    .filteredOn(t -> t.table().name().equals("users"))
                    .singleElement()
                    .satisfies(
                        t -> {
                          assertThat(t.compared()).isEqualTo((size.users() + 9) / 10);
                          assertThat(t.entities()).isEqualTo(size.users());
                        });
              });
    }
  }

  private static StepReport step(MigrationReport report, String id) {
    return report.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElseThrow();
  }
}
