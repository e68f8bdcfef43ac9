package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.catalog.TableName;
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
import io.datomize.plan.Plan;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import io.datomize.verify.TableVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pagila and Chinook, real third-party sample databases, each migrated with the mapping conventions
 * derive and no override, verify clean. Runs in the acceptance profile, which passes the datasets
 * folder as {@code datomize.datasets}.
 */
class SampleDatabasesMigrationAcceptanceTest {
  @TempDir Path runs;

  @Test
  void pagila_migrates_by_convention_and_verifies_clean() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    DataSource pagila = server.createDatabase("pagila_e2e");
    SqlScript.Connector connector = database -> server.database(database).getConnection();
    SqlScript.run(datasets().resolve("pagila/pagila-schema.sql"), "pagila_e2e", connector);
    SqlScript.run(datasets().resolve("pagila/pagila-data.sql"), "pagila_e2e", connector);

    String uri = "datomic:mem://pagila-" + UUID.randomUUID();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      Migration.Mapped migration = migration(pagila);
      Plan plan = migration.plan();
      Mapping mapping = plan.mapping();
      MigrationReport report = migration.to(target).run();

      assertClean(report);
      assertThat(plan.mapping().entities())
          .extracting(e -> e.table().name())
          .contains("payment")
          .noneMatch(name -> name.startsWith("payment_p"));
      assertThat(target.countEntities(entity(mapping, "payment").identity().attribute()))
          .isEqualTo(SourceCounts.count(pagila, "SELECT count(*) FROM payment"));
      assertThat(entity(mapping, "film").identity().attribute()).hasToString(":film/id");
      assertThat(attribute(entity(mapping, "actor"), "first_name").attribute())
          .hasToString(":actor/first-name");
      assertThat(bridge(mapping, "film_actor").attribute()).hasToString(":film/actors");
      assertThat(bridge(mapping, "film_category").attribute()).hasToString(":film/categories");
      AttributeMapping paymentDate = attribute(entity(mapping, "payment"), "payment_date");
      assertThat(paymentDate.attribute()).hasToString(":payment/date");
      assertThat(target.countValues(paymentDate.attribute()))
          .isEqualTo(SourceCounts.count(pagila, "SELECT count(*) FROM payment"));
      for (String bridge : new String[] {"film_actor", "film_category"}) {
        BridgeMapping collapsed = bridge(mapping, bridge);
        assertThat(target.countValues(collapsed.attribute()))
            .as(bridge)
            .isEqualTo(SourceCounts.count(pagila, "SELECT count(*) FROM " + bridge))
            .isPositive();
      }
      AttributeMapping rating = attribute(entity(mapping, "film"), "rating");
      assertThat(rating.enumMapping())
          .hasValueSatisfying(
              e ->
                  assertThat(e.values().keySet())
                      .containsExactly("G", "PG", "PG-13", "R", "NC-17"));
      assertThat(target.countValues(rating.attribute()))
          .isEqualTo(
              SourceCounts.count(pagila, "SELECT count(*) FROM film WHERE rating IS NOT NULL"));
      AttributeMapping features = attribute(entity(mapping, "film"), "special_features");
      assertThat(features.cardinality()).isEqualTo(Cardinality.MANY);
      assertThat(features.valueType()).isEqualTo(ValueType.STRING);
      assertThat(target.countValues(features.attribute()))
          .isEqualTo(
              SourceCounts.count(
                  pagila,
                  "SELECT count(DISTINCT (film_id, f)) FROM film, unnest(special_features) f"))
          .isPositive();
      assertBulkLoadLeavesTheSame(pagila, mapping, uri);
    }
  }

  @Test
  void chinook_migrates_by_convention_and_verifies_clean() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    server.createDatabase("chinook_start");
    SqlScript.Connector connector = database -> server.database(database).getConnection();
    String loaded =
        SqlScript.run(
                datasets().resolve("chinook/Chinook_PostgreSql.sql"), "chinook_start", connector)
            .database();
    DataSource chinook = server.database(loaded);

    String uri = "datomic:mem://chinook-" + UUID.randomUUID();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      Migration.Mapped migration = migration(chinook);
      Plan plan = migration.plan();
      Mapping mapping = plan.mapping();
      MigrationReport report = migration.to(target).run();

      assertClean(report);
      RefMapping reportsTo =
          entity(mapping, "employee").refs().stream()
              .filter(r -> r.columns().equals(List.of("reports_to")))
              .findFirst()
              .orElseThrow();
      assertThat(plan.deferredRefs())
          .anyMatch(d -> d.toString().contains(reportsTo.attribute().toString()));
      assertThat(target.countValues(reportsTo.attribute()))
          .isEqualTo(
              SourceCounts.count(
                  chinook, "SELECT count(*) FROM employee WHERE reports_to IS NOT NULL"))
          .isPositive();
      assertThat(reportsTo.attribute()).hasToString(":employee/reports-to");
      EntityMapping invoiceLine = entity(mapping, "invoice_line");
      assertThat(invoiceLine.namespace()).isEqualTo("invoice-line");
      assertThat(invoiceLine.identity().attribute()).hasToString(":invoice-line/id");
      assertThat(invoiceLine.refs())
          .extracting(r -> r.attribute().toString())
          .contains(":invoice-line/invoice", ":invoice-line/track");
      assertThat(target.countEntities(invoiceLine.identity().attribute()))
          .isEqualTo(SourceCounts.count(chinook, "SELECT count(*) FROM invoice_line"));
      BridgeMapping playlistTrack = bridge(mapping, "playlist_track");
      assertThat(playlistTrack.attribute()).hasToString(":playlist/tracks");
      assertThat(target.countValues(playlistTrack.attribute()))
          .isEqualTo(SourceCounts.count(chinook, "SELECT count(*) FROM playlist_track"))
          .isPositive();
      assertBulkLoadLeavesTheSame(chinook, mapping, uri);
    }
  }

  /** A bulk load of the same source verifies clean and leaves the datoms a usual load left. */
  private void assertBulkLoadLeavesTheSame(DataSource source, Mapping mapping, String usualUri) {
    String bulkUri = "datomic:mem://bulk-" + UUID.randomUUID();
    try (DatomicTarget bulk = DatomicTarget.builder().uri(bulkUri).build()) {
      MigrationReport report = migration(source).to(bulk).bulkLoad();

      assertThat(report.bulkLoad()).isTrue();
      assertClean(report);
      List<Attribute> identities =
          mapping.entities().stream().map(e -> e.identity().attribute()).toList();
      assertThat(DatomicDump.of(bulkUri, identities))
          .isEqualTo(DatomicDump.of(usualUri, identities));
    }
  }

  private Migration.Mapped migration(DataSource source) {
    return Migration.from(PostgresSource.builder().dataSource(source).build())
        .mapping(schema -> Mappings.conventions(schema).build())
        .options(RunOptions.builder().runDirectory(runs).build());
  }

  private static void assertClean(MigrationReport report) {
    assertThat(report.rowsRejected()).as(report.summary()).isZero();
    assertThat(report.succeeded()).as(report.summary()).isTrue();
    assertThat(report.verification())
        .hasValueSatisfying(
            v -> {
              assertThat(v.passed()).as(report.summary()).isTrue();
              assertThat(v.sampled()).isFalse();
              assertThat(v.tables())
                  .allSatisfy(
                      t ->
                          assertThat(t.entities())
                              .as(t.table().toString())
                              .isEqualTo(t.sourceRows()));
              assertThat(v.tables()).extracting(TableVerification::compared).allMatch(c -> c >= 0);
            });
  }

  private static EntityMapping entity(Mapping mapping, String table) {
    return mapping
        .entity(TableName.of("public", table))
        .orElseThrow(() -> new AssertionError("no entity " + table));
  }

  private static BridgeMapping bridge(Mapping mapping, String table) {
    return mapping.bridges().stream()
        .filter(b -> b.table().name().equals(table))
        .findFirst()
        .orElseThrow(() -> new AssertionError(table + " is not collapsed into a many ref"));
  }

  private static AttributeMapping attribute(EntityMapping entity, String column) {
    return entity
        .attributeFor(column)
        .orElseThrow(() -> new AssertionError("no attribute for " + column));
  }

  private static Path datasets() {
    String folder = System.getProperty("datomize.datasets");
    if (folder == null
        || !Files.isDirectory(Path.of(folder, "pagila"))
        || !Files.isDirectory(Path.of(folder, "chinook"))) {
      throw new IllegalStateException(
          "the acceptance tests need the sample databases: run with"
              + " -Ddatomize.datasets=<folder with pagila/ and chinook/> (got "
              + folder
              + ")");
    }
    return Path.of(folder);
  }
}
