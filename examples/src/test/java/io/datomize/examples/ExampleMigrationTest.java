package io.datomize.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import datomic.Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleMigrationTest {
  @TempDir Path out;

  private final String datomicUri = "datomic:mem://example-" + UUID.randomUUID();

  @Test
  void migrates_the_generated_queryfeed_database_and_verifies_it() {
    Path runs = out.resolve("runs");

    ExampleRun run =
        ExampleRun.of(
            "--rows",
            "3000",
            "--datomic-uri",
            datomicUri,
            "--out",
            out.toString(),
            "--run-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(run.out())
        .contains("Plan: 5 tables to load", "verification: PASSED", "schema.edn", "report.json");
    assertThat(run.err()).contains("load public.users: started", "load public.users: done");
    assertThat(out.resolve("schema.edn"))
        .content()
        .contains(":user/pg-id", ":user.source/facebook");
    JsonNode report = ExampleRun.onlyReport(runs);
    assertThat(report.path("succeeded").asBoolean()).isTrue();
    assertThat(report.path("verification").path("passed").asBoolean()).isTrue();
    assertThat(report.path("rowsRead").asLong()).isEqualTo(3000);
  }

  @Test
  void syncs_a_loaded_database_and_rehearses_a_sync() {
    String[] common = {"--rows", "1000", "--datomic-uri", datomicUri, "--out", out.toString()};
    assertThat(ExampleRun.of(common).exitCode()).isEqualTo(ExampleMigration.OK);
    long basis = Peer.connect(datomicUri).db().basisT();

    ExampleRun rehearsal = ExampleRun.of(concat(common, "--sync", "--dry-run"));
    assertThat(rehearsal.exitCode()).as(rehearsal.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(rehearsal.out()).contains("(dry run)", "inserted", "unchanged", "retracted");
    assertThat(Peer.connect(datomicUri).db().basisT()).isEqualTo(basis);

    // the generated database is the same every time, so the sync finds every row unchanged
    ExampleRun sync = ExampleRun.of(concat(common, "--sync", "--deleted-rows", "REPORT"));
    assertThat(sync.exitCode()).as(sync.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(sync.out()).containsPattern("sync \\S+-sync-").contains("verification: PASSED");
    assertThat(sync.out()).containsPattern("total\\s+1000\\s+0\\s+0\\s+\\d+\\s+0\\s+0\\s+0\\s+0");
  }

  @Test
  void loads_in_bulk_and_then_as_usual_into_a_loaded_database() {
    String[] common = {"--rows", "1000", "--datomic-uri", datomicUri, "--out", out.toString()};

    ExampleRun bulk = ExampleRun.of(concat(common, "--bulk"));
    assertThat(bulk.exitCode()).as(bulk.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(bulk.out())
        .contains("indexed and unique attributes constrained", "verification: PASSED");
    ExampleRun again = ExampleRun.of(concat(common, "--bulk"));
    assertThat(again.exitCode()).as(again.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(again.out()).doesNotContain("unique attributes constrained").contains("indexed in");
  }

  @Test
  void follows_until_caught_up_and_warns_of_the_slot_it_leaves_unless_told_to_drop_it() {
    String[] common = {"--rows", "1000", "--datomic-uri", datomicUri, "--out", out.toString()};

    ExampleRun kept = ExampleRun.of(concat(common, "--follow", "--until-caught-up"));

    assertThat(kept.exitCode()).as(kept.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(kept.out())
        .contains("load public.users", "followed datomize:", "stopped: CAUGHT_UP at");
    assertThat(kept.err())
        .contains("!!! The replication slot 'datomize' is still on the PostgreSQL server.");

    ExampleRun dropped =
        ExampleRun.of(
            "--rows",
            "1000",
            "--datomic-uri",
            "datomic:mem://example-" + UUID.randomUUID(),
            "--out",
            out.resolve("dropped").toString(),
            "--follow",
            "--until-caught-up",
            "--drop-slot",
            "--follow-id",
            "cutover");

    assertThat(dropped.exitCode()).as(dropped.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(dropped.out()).contains("followed cutover:", "stopped: CAUGHT_UP at");
    assertThat(dropped.err()).doesNotContain("!!!");
  }

  @Test
  void rejects_a_sync_with_resume() {
    ExampleRun run = ExampleRun.of("--sync", "--resume", "20261201T000000.000Z-abcdef");

    assertThat(run.exitCode()).isEqualTo(ExampleMigration.BAD_OPTIONS);
    assertThat(run.err()).contains("--sync goes alone");
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void explains_the_plan_without_writing_to_datomic() {
    ExampleRun run =
        ExampleRun.of(
            "--explain", "--rows", "1000", "--datomic-uri", datomicUri, "--out", out.toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(run.out())
        .contains("install schema", "load public.users", "bridge public.post_tags", "verify");
    assertThat(run.out()).doesNotContain("verification:");
    assertThat(out.resolve("schema.edn")).exists();
    assertThat(out.resolve("runs")).doesNotExist();
    assertThatThrownBy(() -> Peer.connect(datomicUri))
        .as("the Datomic database was never created")
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void rejects_an_unknown_option_with_the_usage() {
    ExampleRun run = ExampleRun.of("--no-such-option");

    assertThat(run.exitCode()).isEqualTo(ExampleMigration.BAD_OPTIONS);
    assertThat(run.err()).contains("Unknown option: '--no-such-option'", "Usage: datomize-example");
  }

  @Test
  void rejects_a_batch_byte_limit_below_one() {
    ExampleRun run = ExampleRun.of("--batch-bytes", "0");

    assertThat(run.exitCode()).isEqualTo(ExampleMigration.BAD_OPTIONS);
    assertThat(run.err()).contains("--batch-bytes");
  }

  @Test
  void rejects_two_modes_at_once() {
    ExampleRun run = ExampleRun.of("--explain", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(ExampleMigration.BAD_OPTIONS);
    assertThat(run.err()).contains("--explain", "--dry-run", "mutually exclusive");
  }

  @Test
  void rejects_a_sql_file_for_a_database_of_ones_own() {
    ExampleRun run =
        ExampleRun.of("--jdbc-url", "jdbc:postgresql://localhost/shop", "--sql-file", "dump.sql");

    assertThat(run.exitCode()).isEqualTo(ExampleMigration.BAD_OPTIONS);
    assertThat(run.err()).contains("--sql-file loads into the embedded server");
  }

  @Test
  void names_an_unreachable_database_without_printing_its_password() {
    ExampleRun run =
        ExampleRun.of(
            Map.of("DATOMIZE_PASSWORD", "from-the-environment"),
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:1/shop?connectTimeout=2",
            "--user",
            "reader",
            "--password",
            "s3cret-pw",
            "--datomic-uri",
            datomicUri);

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.FAILED);
    assertThat(run.err()).contains("error: cannot read the catalog");
    assertThat(run.printed()).doesNotContain("s3cret-pw", "from-the-environment");
  }

  @Test
  void migrates_a_table_without_any_key_identified_by_its_content() throws IOException {
    Path sql =
        Files.writeString(
            out.resolve("notes.sql"),
            "CREATE TABLE notes (body text);\nINSERT INTO notes VALUES ('a'), ('a'), (NULL);\n");

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            sql.toString(),
            "--conventions",
            "--datomic-uri",
            datomicUri,
            "--out",
            out.toString(),
            "--run-dir",
            out.resolve("runs").toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(run.out())
        .contains(
            "load public.notes: key (content: hash of the row's values", "verification: PASSED");
    assertThat(ExampleRun.onlyReport(out.resolve("runs")).path("rowsRead").asLong()).isEqualTo(3);
  }

  @Test
  void prints_the_conventions_mapping_as_java_source() throws IOException {
    Path sql =
        Files.writeString(
            out.resolve("shop.sql"),
            """
        CREATE TABLE customers (id bigint PRIMARY KEY, full_name text NOT NULL);
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));
        """);

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            sql.toString(),
            "--conventions",
            "--print-mapping",
            "--datomic-uri",
            datomicUri,
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(run.out())
        .contains(
            "Mappings.define(schema)",
            ".table(\"customers\")",
            ".table(\"orders\")",
            ".ref(\"customer_id\")");
    assertThat(out.resolve("schema.edn")).doesNotExist();
  }

  @Test
  void stops_at_the_first_rejected_row_and_names_the_run_to_resume() throws IOException {
    Path sql =
        Files.writeString(
            out.resolve("readings.sql"),
            """
        CREATE TABLE readings (id bigint PRIMARY KEY, value double precision NOT NULL);
        INSERT INTO readings VALUES (1, 1.5), (2, 'NaN'), (3, 2.5);
        """);
    Path runs = out.resolve("runs");

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            sql.toString(),
            "--conventions",
            "--max-rejects",
            "0",
            "--datomic-uri",
            datomicUri,
            "--out",
            out.toString(),
            "--run-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.MIGRATION_FAILED);
    assertThat(run.err()).contains("The migration stopped", "--resume ", "rejects.jsonl");
    try (var folders = Files.list(runs)) {
      String runId = folders.findFirst().orElseThrow().getFileName().toString();
      assertThat(run.err()).contains("--resume " + runId);
      assertThat(runs.resolve(runId).resolve("rejects.jsonl"))
          .content()
          .contains("\"value\"", "NaN");
    }
  }
}
