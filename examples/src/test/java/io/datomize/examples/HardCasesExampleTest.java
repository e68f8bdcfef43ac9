package io.datomize.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on the hard-cases script (which includes its data with {@code \ir} and uses {@code
 * \echo}, {@code \set} and {@code \timing}), by conventions alone; and the runner's answer to a
 * selection that holds no table.
 */
class HardCasesExampleTest {
  private static final Path FIXTURE =
      Path.of("src", "test", "resources", "hardcases", "hard-cases.sql");

  @TempDir Path out;

  @Test
  void migrates_the_hard_cases_by_conventions_alone_with_exit_0() {
    Path runs = out.resolve("runs");

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            FIXTURE.toString(),
            "--conventions",
            "--datomic-uri",
            "datomic:mem://hard-cases-runner-" + UUID.randomUUID(),
            "--out",
            out.toString(),
            "--run-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(run.out()).contains("verification: PASSED");
    JsonNode report = ExampleRun.onlyReport(runs);
    assertThat(report.path("succeeded").asBoolean()).isTrue();
    assertThat(report.path("rowsRejected").asLong()).isEqualTo(7);
  }

  @Test
  void a_schema_that_does_not_exist_is_an_error_that_lists_the_schemas_there_are()
      throws IOException {
    Path sql =
        Files.writeString(
            out.resolve("shop.sql"), "CREATE TABLE customers (id bigint PRIMARY KEY);\n");

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            sql.toString(),
            "--conventions",
            "--schema",
            "pubic",
            "--datomic-uri",
            "datomic:mem://typo-" + UUID.randomUUID(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.printed()).isNotEqualTo(ExampleMigration.OK);
    assertThat(run.err()).contains("pubic", "public");
    assertThat(run.printed()).doesNotContain("PASSED");
  }

  @Test
  void a_schema_without_tables_is_an_error_that_lists_the_schemas_there_are() throws IOException {
    Path sql =
        Files.writeString(
            out.resolve("shop.sql"),
            "CREATE SCHEMA staging;\nCREATE TABLE customers (id bigint PRIMARY KEY);\n");

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            sql.toString(),
            "--conventions",
            "--schema",
            "staging",
            "--datomic-uri",
            "datomic:mem://empty-" + UUID.randomUUID(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.printed()).isNotEqualTo(ExampleMigration.OK);
    assertThat(run.err()).contains("staging", "public");
    assertThat(run.printed()).doesNotContain("PASSED");
  }
}
