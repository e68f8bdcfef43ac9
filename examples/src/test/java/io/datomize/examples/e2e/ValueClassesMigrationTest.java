package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.Migration;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.report.MigrationReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.RunOptions;
import io.datomize.spi.PullSpec;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of PostgreSQL value through a real reader and a real Datomic: each value Datomic can
 * hold loads as it should, each other one rejects its row with a reason naming the value and the
 * way out, and a row with several bad columns names them all. Then the mapping options that take
 * the ways out load what they cover.
 */
class ValueClassesMigrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableName SAMPLES = TableName.of("public", "samples");
  private static final TableName FAR = TableName.of("public", "far_values");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");
  private static final Instant ALWAYS = Instant.parse("0001-01-01T00:00:00Z");
  private static final String HUGE = "9".repeat(600) + "." + "1".repeat(400);
  private static final int LONG_TEXT = 1_000_000;
  private static DataSource database;

  @TempDir Path runs;

  @BeforeAll
  static void seed() throws SQLException {
    database = EmbeddedPostgresServer.shared().createDatabase("value_classes");
    try (Connection connection = database.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(
          """
          CREATE TABLE samples (
            id bigint PRIMARY KEY, note text, born date, seen timestamp, at timestamptz, amount numeric,
            tags text[], secret text)""");
      sql.execute(
          "INSERT INTO samples VALUES (1, repeat('x', "
              + LONG_TEXT
              + "), '2024-02-29', '2024-03-31 01:30:00',"
              + " '2024-01-01 00:00:00+00', "
              + HUGE
              + ", '{a,b}', 'hidden')");
      sql.execute("INSERT INTO samples (id) VALUES (2)");
      sql.execute(
          """
          INSERT INTO samples (id, born, seen, at, amount, tags) VALUES
            (10, 'infinity', NULL, NULL, NULL, NULL),
            (11, NULL, '-infinity', NULL, NULL, NULL),
            (12, NULL, NULL, 'infinity', NULL, NULL),
            (13, NULL, NULL, NULL, 'NaN', NULL),
            (14, NULL, NULL, NULL, '-Infinity', NULL),
            (15, NULL, NULL, NULL, NULL, '{a,NULL}'),
            (16, NULL, NULL, NULL, NULL, '{{a,b},{c,d}}'),
            (17, '-infinity', NULL, NULL, 'NaN', '{NULL}')""");
      sql.execute(
          "CREATE TABLE far_values (id bigint PRIMARY KEY, born date, seen timestamp, at timestamptz,"
              + " grid integer[][], words text[][])");
      sql.execute(
          """
          INSERT INTO far_values VALUES
            (1, '0044-03-15 BC', '0100-01-01 12:00:00 BC', '0500-06-01 00:00:00+00 BC', '{{1,2},{3,NULL}}',
             '{{"a \\"q\\"",b},{c,NULL}}'),
            (2, '12000-01-01', '20000-05-05 05:05:05.123456', '15000-01-01 00:00:00+00', '{{{1}},{{2}}}', '{x,y}')""");
    }
  }

  @Test
  void loads_every_value_datomic_can_hold_and_rejects_each_other_naming_value_and_way_out()
      throws IOException {
    try (TargetSink target = target()) {
      Migration.Mapped migration =
          migration(
              schema ->
                  Mappings.define(schema)
                      .table("samples")
                      .toEntity("sample")
                      .identifiedBy("id")
                      .skip("secret")
                      .otherColumnsByConvention()
                      .skipTable("far_values")
                      .zone(BERLIN)
                      .build());
      MigrationReport report = migration.to(target).run();

      Map<String, JsonNode> rejects = rejects(report);
      assertThat(rejects).containsOnlyKeys("10", "11", "12", "13", "14", "15", "16", "17");
      assertReject(rejects.get("10"), "born", "infinity", ".infinityAs(negative, positive)");
      assertReject(rejects.get("11"), "seen", "-infinity", ".infinityAs(negative, positive)");
      assertReject(rejects.get("12"), "at", "infinity", ".infinityAs(negative, positive)");
      assertReject(rejects.get("13"), "amount", "NaN", "Converters.toText()");
      assertReject(rejects.get("14"), "amount", "-Infinity", "Converters.toText()");
      assertReject(rejects.get("15"), "tags", "[a, null]", ".dropNullArrayElements()");
      assertReject(
          rejects.get("16"), "tags", "[[a, b], [c, d]]", "declare the column's dimensions");
      JsonNode several = rejects.get("17");
      assertThat(several.get("failures"))
          .extracting(f -> f.get("column").asText())
          .containsExactly("born", "amount", "tags");
      assertReject(several, "born", "-infinity", ".infinityAs(negative, positive)");
      assertThat(several.get("failures").get(1).get("reason").asText())
          .contains("no NaN or infinity");
      assertThat(several.get("failures").get(2).get("reason").asText())
          .contains(".dropNullArrayElements()");

      EntityMapping samples = migration.plan().mapping().entity(SAMPLES).orElseThrow();
      Map<String, Object> one = pull(target, samples, 1L);
      assertThat((String) one.get("note")).hasSize(LONG_TEXT);
      assertThat((BigDecimal) one.get("amount")).isEqualByComparingTo(new BigDecimal(HUGE));
      assertThat(one.get("born"))
          .isEqualTo(LocalDate.of(2024, 2, 29).atStartOfDay(BERLIN).toInstant());
      assertThat(one.get("seen")).isEqualTo(Instant.parse("2024-03-31T00:30:00Z"));
      assertThat(one.get("at")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
      assertThat(one.get("tags"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
          .containsExactlyInAnyOrder("a", "b");
      assertThat(one).doesNotContainKey("secret");
      assertThat(pull(target, samples, 2L)).isEmpty();

      assertThat(report.steps()).allMatch(s -> s.reconciles());
      assertThat(report.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(report.summary()).isTrue());
      JsonNode json = JSON.readTree(runs.resolve(report.runId()).resolve("report.json").toFile());
      assertThat(json.get("notMigrated"))
          .extracting(
              n ->
                  n.get("table").asText()
                      + (n.get("column").isNull() ? "" : "." + n.get("column").asText())
                      + ": "
                      + n.get("reason").asText())
          .containsExactly(
              "public.far_values: table skipped by the mapping",
              "public.samples.secret: skipped by the mapping");
      assertThat(json.get("verification").get("compared"))
          .extracting(JsonNode::asText)
          .anySatisfy(c -> assertThat(c).startsWith("values: every row converted again"))
          .anySatisfy(c -> assertThat(c).startsWith("row counts:"));
      assertThat(report.summary())
          .contains("  public.samples: secret (skipped by the mapping)", "  compared:");
    }
  }

  @Test
  void the_options_load_infinite_instants_and_drop_null_elements_while_bigdec_still_refuses_nan()
      throws IOException {
    try (TargetSink target = target()) {
      Migration.Mapped migration =
          migration(
              schema ->
                  Mappings.conventions(schema)
                      .skipTable("far_values")
                      .infinityAs(ALWAYS, NEVER)
                      .dropNullArrayElements()
                      .build());
      MigrationReport report = migration.to(target).run();

      assertThat(rejects(report)).containsOnlyKeys("13", "14", "16", "17");
      assertThat(rejects(report).get("17").get("column").asText()).isEqualTo("amount");
      EntityMapping samples = migration.plan().mapping().entity(SAMPLES).orElseThrow();
      assertThat(pull(target, samples, 10L).get("born")).isEqualTo(NEVER);
      assertThat(pull(target, samples, 11L).get("seen")).isEqualTo(ALWAYS);
      assertThat(pull(target, samples, 12L).get("at")).isEqualTo(NEVER);
      assertThat(pull(target, samples, 15L).get("tags"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
          .containsExactly("a");
      assertThat(migration.plan().explain())
          .contains("-infinity and infinity in date and timestamp columns load as");
      assertThat(report.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(report.summary()).isTrue());
    }
  }

  /** Needs the reader to read BC dates, years past 9999 and declared array dimensions. */
  @Test
  void loads_dates_before_christ_and_past_9999_and_multidimensional_arrays_as_json_text() {
    try (TargetSink target = target()) {
      Migration.Mapped migration =
          migration(
              schema -> Mappings.conventions(schema).skipTable("samples").zone(BERLIN).build());
      MigrationReport report = migration.to(target).run();

      assertThat(report.rowsRejected()).as(report.summary()).isZero();
      EntityMapping far = migration.plan().mapping().entity(FAR).orElseThrow();
      Map<String, Object> bc = pull(target, far, 1L);
      Map<String, Object> future = pull(target, far, 2L);
      // Berlin's rules reach back: before 1893 its offset is local mean time
      assertThat(bc.get("born"))
          .isEqualTo(LocalDate.of(-43, 3, 15).atStartOfDay(BERLIN).toInstant());
      assertThat(bc.get("seen"))
          .isEqualTo(LocalDateTime.of(-99, 1, 1, 12, 0).atZone(BERLIN).toInstant());
      assertThat(bc.get("at")).isEqualTo(Instant.parse("-0499-06-01T00:00:00Z"));
      assertThat(future.get("born"))
          .isEqualTo(LocalDate.of(12_000, 1, 1).atStartOfDay(BERLIN).toInstant());
      assertThat(future.get("seen"))
          .isEqualTo(
              LocalDateTime.of(20_000, 5, 5, 5, 5, 5, 123_000_000).atZone(BERLIN).toInstant());
      assertThat(future.get("at")).isEqualTo(Instant.parse("+15000-01-01T00:00:00Z"));
      assertThat(bc.get("grid")).isEqualTo("[[1,2],[3,null]]");
      assertThat(bc.get("words")).isEqualTo("[[\"a \\\"q\\\"\",\"b\"],[\"c\",null]]");
      assertThat(future.get("grid")).isEqualTo("[[[1]],[[2]]]");
      assertThat(future.get("words")).isEqualTo("[\"x\",\"y\"]");
      assertThat(migration.plan().explain())
          .contains("a multidimensional array, stored as the text of a JSON array");
      assertThat(report.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(report.summary()).isTrue());
    }
  }

  private Migration.Mapped migration(Function<SourceSchema, Mapping> mapping) {
    return Migration.from(PostgresSource.builder().dataSource(database).build())
        .mapping(mapping)
        .options(
            RunOptions.builder()
                .errorPolicy(ErrorPolicy.maxRejects(100))
                .runDirectory(runs)
                .build());
  }

  private static DatomicTarget target() {
    return DatomicTarget.builder().uri("datomic:mem://value-classes-" + UUID.randomUUID()).build();
  }

  /**
   * The entity of row {@code id}, by source column name; empty when it has no attribute besides its
   * identity.
   */
  private static Map<String, Object> pull(TargetSink target, EntityMapping entity, long id) {
    PullSpec.Builder spec = PullSpec.builder();
    Map<Attribute, String> columns = new TreeMap<>();
    entity
        .attributes()
        .forEach(
            a -> {
              spec.addAttributes(a.attribute());
              columns.put(a.attribute(), a.column());
            });
    Optional<Map<Attribute, Object>> pulled =
        target.pull(spec.build(), List.of(LookupRef.of(entity.identity().attribute(), id))).get(0);
    Map<String, Object> byColumn = new TreeMap<>();
    pulled
        .orElseThrow(() -> new AssertionError("no entity for row " + id))
        .forEach(
            (attribute, value) -> {
              if (columns.containsKey(attribute)) {
                byColumn.put(columns.get(attribute), value);
              }
            });
    return byColumn;
  }

  /** The reject lines of the run by the row's id. */
  private static Map<String, JsonNode> rejects(MigrationReport report) throws IOException {
    Map<String, JsonNode> rejects = new TreeMap<>();
    for (String line : Files.readAllLines(report.rejectsFile().orElseThrow())) {
      JsonNode reject = JSON.readTree(line);
      assertThat(rejects.put(reject.get("key").get("id").asText(), reject)).isNull();
    }
    return rejects;
  }

  private static void assertReject(JsonNode reject, String column, String value, String wayOut) {
    assertThat(reject.get("column").asText()).isEqualTo(column);
    assertThat(reject.get("value").asText()).isEqualTo(value);
    assertThat(reject.get("reason").asText()).contains(wayOut);
  }
}
