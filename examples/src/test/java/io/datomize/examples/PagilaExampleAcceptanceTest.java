package io.datomize.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example runner on the Pagila dump with the conventions mapping, as a user would try it on
 * their own dump.
 */
class PagilaExampleAcceptanceTest {
  private static Path pagila;

  @TempDir Path out;

  @BeforeAll
  static void findPagila() {
    String datasets = System.getProperty("datomize.datasets");
    assertThat(datasets)
        .as("system property datomize.datasets (the acceptance profile sets it)")
        .isNotBlank();
    pagila = Path.of(datasets, "pagila");
    assertThat(pagila.resolve("pagila-schema.sql"))
        .as("the Pagila dump in " + datasets)
        .isRegularFile();
    assertThat(pagila.resolve("pagila-data.sql"))
        .as("the Pagila dump in " + datasets)
        .isRegularFile();
  }

  @Test
  void migrates_the_pagila_dump_by_convention_and_verifies_it() {
    Path runs = out.resolve("runs");

    ExampleRun run =
        ExampleRun.of(
            "--sql-file",
            pagila.resolve("pagila-schema.sql").toString(),
            "--sql-file",
            pagila.resolve("pagila-data.sql").toString(),
            "--conventions",
            "--datomic-uri",
            "datomic:mem://pagila-" + UUID.randomUUID(),
            "--out",
            out.toString(),
            "--run-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExampleMigration.OK);
    assertThat(run.out()).contains("bridge public.film_actor", "verification: PASSED");
    assertThat(out.resolve("schema.edn"))
        .content()
        .contains(
            ":film/id", ":film/actors", ":film/categories", ":actor/first-name", ":payment/date");
    JsonNode report = ExampleRun.onlyReport(runs);
    assertThat(report.path("verification").path("passed").asBoolean())
        .as(report.toString())
        .isTrue();
    assertThat(report.path("rowsRejected").asLong()).isZero();
  }
}
