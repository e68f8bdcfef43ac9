package io.datomize.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows whose keys differ only in what conversion drops (a timestamp's microseconds) would be
 * upserted into one entity: the load rejects all but the first of them, with a reason.
 */
class SameIdentityTest {
  private static final TableName READINGS = TableName.of("public", "readings");
  private static final Instant MILLI = Instant.parse("2024-01-01T00:00:00.123Z");

  @TempDir Path runs;

  private static Table readings() {
    return Table.builder()
        .name(READINGS)
        .primaryKey(List.of("taken_at"))
        .addColumns(
            Column.of("taken_at", ColumnType.of("timestamptz", TypeFamily.TIMESTAMPTZ), false),
            Column.of("value", ColumnType.of("bigint", TypeFamily.INTEGER), true))
        .build();
  }

  /**
   * Keyed by the time first, then the sensor, so that the rows that meet need not be neighbours.
   */
  private static Table sensorReadings() {
    return Table.builder()
        .name(READINGS)
        .primaryKey(List.of("taken_at", "sensor"))
        .addColumns(
            Column.of("taken_at", ColumnType.of("timestamptz", TypeFamily.TIMESTAMPTZ), false),
            Column.of("sensor", ColumnType.of("bigint", TypeFamily.INTEGER), false))
        .build();
  }

  private MigrationReport load(List<Instant> keys, int batchSize) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      rows.add(new Object[] {keys.get(i), (long) i});
    }
    return load(new InMemorySource().table(readings(), rows), batchSize);
  }

  private MigrationReport load(InMemorySource source, int batchSize) {
    return FakeRuns.engine(
            FakeRuns.plan(source),
            source,
            new InMemoryTarget(),
            ErrorPolicy.defaults(),
            runs,
            batchSize,
            2)
        .start();
  }

  private static Instant micros(long micros) {
    return MILLI.plusNanos(micros * 1_000);
  }

  private List<JsonNode> rejects(MigrationReport report) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rejects = new ArrayList<>();
    for (String line : Files.readAllLines(runs.resolve(report.runId()).resolve("rejects.jsonl"))) {
      rejects.add(json.readTree(line));
    }
    return rejects;
  }

  @Test
  void rows_whose_keys_meet_in_one_millisecond_are_rejected_after_the_first_even_across_batches()
      throws IOException {
    List<Instant> keys =
        List.of(
            micros(0),
            micros(456),
            micros(457),
            micros(1_000),
            micros(2_001),
            micros(2_002),
            micros(2_999),
            micros(3_000));

    MigrationReport report = load(keys, 2);

    StepReport step = report.steps().get(0);
    assertThat(step.rowsRead()).isEqualTo(8);
    assertThat(step.rowsLoaded()).isEqualTo(4);
    assertThat(step.rowsRejected()).isEqualTo(4);
    List<JsonNode> rejects = rejects(report);
    Set<String> rejected =
        rejects.stream()
            .map(r -> r.path("key").path("taken_at").asText())
            .collect(Collectors.toSet());
    assertThat(rejected)
        .containsExactlyInAnyOrder(
            micros(456).toString(),
            micros(457).toString(),
            micros(2_002).toString(),
            micros(2_999).toString());
    assertThat(rejects)
        .allSatisfy(
            reject -> {
              assertThat(reject.path("column").asText()).isEqualTo("taken_at");
              assertThat(reject.path("reason").asText())
                  .contains("is that of an earlier row (taken_at=")
                  .contains("finer than a millisecond");
            });
  }

  @Test
  void rows_of_a_composite_key_that_meet_with_other_rows_between_them_are_rejected()
      throws IOException {
    List<Object[]> rows =
        List.of(
            new Object[] {micros(456), 5L},
            new Object[] {micros(789), 3L},
            new Object[] {micros(999), 5L},
            new Object[] {micros(1_001), 5L});
    InMemorySource source = new InMemorySource().table(sensorReadings(), rows);

    MigrationReport report = load(source, 2);

    assertThat(report.steps().get(0).rowsLoaded()).isEqualTo(3);
    assertThat(rejects(report))
        .singleElement()
        .satisfies(
            reject -> {
              assertThat(reject.path("key").path("taken_at").asText())
                  .isEqualTo(micros(999).toString());
              assertThat(reject.path("reason").asText())
                  .contains("(taken_at=" + micros(456) + ", sensor=5)");
            });
  }

  @Test
  void the_plan_warns_of_a_timestamp_key_and_names_what_happens_to_its_rows() {
    InMemorySource source = new InMemorySource().table(readings(), List.of());

    assertThat(FakeRuns.plan(source).warnings())
        .contains(
            "public.readings is identified by the timestamp taken_at, kept to the millisecond in"
                + " :reading/taken-at: of rows whose keys fall in one millisecond, all but the first"
                + " are rejected");
  }

  @Test
  void keys_that_stay_apart_once_converted_all_load() {
    List<Instant> keys = List.of(micros(0), micros(1_000), micros(2_000), micros(2_999_000));

    MigrationReport report = load(keys, 3);

    assertThat(report.steps().get(0).rowsLoaded()).isEqualTo(4);
    assertThat(report.steps().get(0).rowsRejected()).isZero();
  }
}
