package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datomic.Datom;
import datomic.Log;
import datomic.Peer;
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.sql.SqlScript;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.RefMapping;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import io.datomize.target.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hard-cases database (src/test/resources/hardcases), migrated by conventions alone: bridges
 * with and without payload, foreign keys to unique keys, keyless tables with duplicate rows,
 * inheritance, partitions, identifiers outside ASCII, and every value class. Exactly the rows
 * Datomic cannot represent are rejected, each with its reason; every step reconciles; verification
 * passes; and a second run changes nothing.
 */
class HardCasesMigrationTest {
  static final Path FIXTURE = Path.of("src", "test", "resources", "hardcases", "hard-cases.sql");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DataSource database;

  @TempDir Path runs;

  @BeforeAll
  static void load() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    database = server.createDatabase("hard_cases");
    SqlScript.run(FIXTURE, "hard_cases", name -> server.database(name).getConnection());
  }

  private static PostgresSource source() {
    return PostgresSource.builder().dataSource(database).build();
  }

  @Test
  void
      loads_by_conventions_rejecting_exactly_the_unrepresentable_rows_and_a_second_run_changes_nothing()
          throws IOException {
    Mapping mapping = Mappings.conventions(source().readSchema()).build();
    String uri = "datomic:mem://hard-cases-" + UUID.randomUUID();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport first =
          Migration.from(source())
              .mapping(mapping)
              .options(RunOptions.builder().batchSize(4).runDirectory(runs).build())
              .to(target)
              .run();

      assertThat(first.steps()).allMatch(StepReport::reconciles);
      Map<String, String> rejects = rejects(first);
      assertThat(rejects)
          .containsOnlyKeys(
              "public.measurements 7",
              "public.measurements 8",
              "public.measurements 9",
              "public.measurements 11",
              "public.measurements 12",
              "public.measurements 13",
              "public.ticks 2024-01-01T00:00:00.123789Z");
      assertThat(rejects.get("public.measurements 7")).contains("taken", "infinity");
      assertThat(rejects.get("public.measurements 8")).contains("at", "at_zone", "infinity");
      assertThat(rejects.get("public.measurements 9")).contains("amount", "NaN");
      assertThat(rejects.get("public.measurements 11")).contains("tags", "null");
      assertThat(rejects.get("public.measurements 12"))
          .as("both bad columns are named")
          .contains("taken", "-infinity", "amount", "Infinity");
      assertThat(rejects.get("public.measurements 13")).contains("tags", "dimension");
      assertThat(rejects.get("public.ticks 2024-01-01T00:00:00.123789Z"))
          .contains("\"column\":\"at\"", "is that of an earlier row", "millisecond");
      assertThat(first.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(first.summary()).isTrue());
      assertThat(first.succeeded()).as(first.summary()).isTrue();

      List<Attribute> identities =
          mapping.entities().stream().map(e -> e.identity().attribute()).toList();
      SortedSet<String> afterFirst = DatomicDump.of(uri, identities);
      long basis = Peer.connect(uri).db().basisT();

      MigrationReport second =
          Migration.from(source())
              .mapping(mapping)
              .options(RunOptions.builder().batchSize(4).runDirectory(runs).build())
              .to(target)
              .run();

      assertThat(second.succeeded()).as(second.summary()).isTrue();
      assertThat(DatomicDump.of(uri, identities)).isEqualTo(afterFirst);
      assertThat(dataDatomsSince(uri, basis))
          .as("datoms other than the runs' own transaction records")
          .isEmpty();
    }
  }

  @Test
  void keyless_tables_keep_duplicate_rows_as_separate_entities() {
    Mapping mapping = Mappings.conventions(source().readSchema()).build();
    try (DatomicTarget target =
        DatomicTarget.builder().uri("datomic:mem://hard-cases-" + UUID.randomUUID()).build()) {
      MigrationReport report =
          Migration.from(source())
              .mapping(mapping)
              .options(RunOptions.builder().runDirectory(runs).build())
              .to(target)
              .run();

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      for (String table : List.of("event_log", "page_views")) {
        EntityMapping entity =
            mapping.entities().stream()
                .filter(e -> e.table().name().equals(table))
                .findFirst()
                .orElseThrow();
        assertThat(target.countEntities(entity.identity().attribute()))
            .as(table)
            .isEqualTo(SourceCounts.count(database, "SELECT count(*) FROM " + table));
      }
      EntityMapping vehicles =
          mapping.entities().stream()
              .filter(e -> e.table().name().equals("vehicles"))
              .findFirst()
              .orElseThrow();
      assertThat(target.countEntities(vehicles.identity().attribute()))
          .as("the parent without its children's rows")
          .isEqualTo(SourceCounts.count(database, "SELECT count(*) FROM ONLY vehicles"));
    }
  }

  @Test
  void a_bulk_load_rejects_the_same_rows_and_leaves_the_database_a_load_as_usual_leaves()
      throws IOException {
    Mapping mapping = Mappings.conventions(source().readSchema()).build();
    List<Attribute> identities =
        mapping.entities().stream().map(e -> e.identity().attribute()).toList();
    RunOptions options = RunOptions.builder().batchSize(4).runDirectory(runs).build();
    String usualUri = "datomic:mem://hard-cases-usual-" + UUID.randomUUID();
    String bulkUri = "datomic:mem://hard-cases-bulk-" + UUID.randomUUID();
    MigrationReport usual;
    MigrationReport bulk;
    try (DatomicTarget target = DatomicTarget.builder().uri(usualUri).build()) {
      usual = Migration.from(source()).mapping(mapping).options(options).to(target).run();
    }
    try (DatomicTarget target = DatomicTarget.builder().uri(bulkUri).build()) {
      bulk = Migration.from(source()).mapping(mapping).options(options).to(target).bulkLoad();
    }

    assertThat(bulk.bulkLoad()).isTrue();
    assertThat(bulk.succeeded()).as(bulk.summary()).isTrue();
    assertThat(rejects(bulk).keySet()).isEqualTo(rejects(usual).keySet());
    assertThat(DatomicDump.of(bulkUri, identities)).isEqualTo(DatomicDump.of(usualUri, identities));
  }

  @Test
  void conventions_shape_every_class_of_table_as_documented() {
    Mapping mapping = Mappings.conventions(source().readSchema()).build();

    assertThat(mapping.bridges())
        .extracting(b -> b.table().name())
        .containsExactlyInAnyOrder(
            "product_tags", "people_favourites", "people_groups", "likes", "wishes");
    BridgeMapping favourites = bridge(mapping, "people_favourites");
    assertThat(favourites.droppedColumns()).containsExactly("last_update");
    assertThat(favourites.dropReason("last_update")).startsWith(BridgeMapping.BOOKKEEPING);
    BridgeMapping groups = bridge(mapping, "people_groups");
    assertThat(groups.droppedColumns()).containsExactly("id");
    assertThat(groups.dropReason("id")).isEqualTo(BridgeMapping.SURROGATE_KEY);
    assertThat(bridge(mapping, "likes").attribute())
        .as("two bridges between the same tables")
        .isNotEqualTo(bridge(mapping, "wishes").attribute());

    for (String payload : List.of("order_details", "assignments")) {
      EntityMapping entity = entity(mapping, payload);
      assertThat(entity.identity().isTuple()).as(payload).isTrue();
      assertThat(entity.refs()).as(payload).hasSize(2);
      assertThat(entity.skippedColumns()).as(payload).isEmpty();
    }
    assertThat(entity(mapping, "order_details").attributes())
        .extracting(AttributeMapping::column)
        .contains("quantity", "unit_price", "discount");

    RefMapping country = entity(mapping, "cities").refs().get(0);
    assertThat(entity(mapping, "countries").lookupAttribute(country.targetColumns()))
        .contains(entity(mapping, "countries").attributeFor("iso_code").orElseThrow().attribute());
    RefMapping warehouse =
        entity(mapping, "stock").refs().stream()
            .filter(r -> r.target().name().equals("warehouses"))
            .findFirst()
            .orElseThrow();
    assertThat(entity(mapping, "warehouses").uniqueKeys())
        .singleElement()
        .satisfies(
            k ->
                assertThat(k.columns())
                    .containsExactlyInAnyOrderElementsOf(warehouse.targetColumns()));
    assertThat(entity(mapping, "currencies").identity().columns())
        .as("the key foreign keys reference")
        .containsExactly("numeric_code");

    for (String keyless : List.of("event_log", "page_views")) {
      assertThat(entity(mapping, keyless).identity().columns())
          .as(keyless)
          .isEqualTo(ContentKey.COLUMNS);
    }
    assertThat(mapping.entities())
        .extracting(e -> e.table().name())
        .contains("vehicles", "cars", "readings")
        .noneMatch(name -> name.startsWith("readings_"));

    assertThat(entity(mapping, "dbs").namespace())
        .as("db is Datomic's namespace")
        .isEqualTo("pg-db");

    EntityMapping cafe = entity(mapping, "café");
    assertThat(cafe.namespace()).isEqualTo("café");
    AttributeMapping firstName = cafe.attributeFor("prénom").orElseThrow();
    assertThat(firstName.attribute().name()).isEqualTo("prénom");
    assertThat(firstName.schema().doc()).contains("Vorname, prénom, 名");
    assertThat(entity(mapping, "categories").identity().schema().doc())
        .contains("Product categories, as the catalogue shows them");
    assertThat(
            entity(mapping, "categories")
                .attributeFor("description")
                .orElseThrow()
                .schema()
                .index())
        .isTrue();
    assertThat(entity(mapping, "measurements").attributeFor("grid").orElseThrow().valueType())
        .as("a two-dimensional array is JSON text")
        .isEqualTo(ValueType.STRING);
  }

  private static EntityMapping entity(Mapping mapping, String table) {
    return mapping.entities().stream()
        .filter(e -> e.table().name().equals(table))
        .findFirst()
        .orElseThrow();
  }

  private static BridgeMapping bridge(Mapping mapping, String table) {
    return mapping.bridges().stream()
        .filter(b -> b.table().name().equals(table))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Datoms transacted after {@code basis} on any entity but a transaction's own and a run's record
   * ({@code :datomize.run/*}, which every run leaves).
   */
  static List<String> dataDatomsSince(String uri, long basis) {
    datomic.Database db = Peer.connect(uri).db();
    List<String> data = new ArrayList<>();
    for (Map<?, ?> tx : Peer.connect(uri).log().txRange(basis + 1, null)) {
      for (Object item : (Iterable<?>) tx.get(Log.DATA)) {
        Datom datom = (Datom) item;
        boolean runRecord = String.valueOf(db.ident(datom.a())).startsWith(":datomize.run/");
        if (!datom.e().equals(datom.tx()) && !runRecord) {
          data.add(datom.toString());
        }
      }
    }
    return data;
  }

  /** Table and key of each reject line, to the whole line; fails on a row rejected twice. */
  private static Map<String, String> rejects(MigrationReport report) throws IOException {
    Map<String, String> lines = new TreeMap<>();
    if (report.rejectsFile().isEmpty()) {
      return lines;
    }
    for (String line : Files.readAllLines(report.rejectsFile().get())) {
      JsonNode reject = JSON.readTree(line);
      assertThat(reject.get("reason").asText()).isNotBlank();
      String row =
          reject.get("table").asText() + " " + reject.get("key").elements().next().asText();
      assertThat(lines.put(row, line)).as("rejected twice: " + row).isNull();
    }
    return lines;
  }
}
