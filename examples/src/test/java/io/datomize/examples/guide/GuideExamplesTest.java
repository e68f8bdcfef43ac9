package io.datomize.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.model.Mapping;
import io.datomize.report.MigrationReport;
import io.datomize.run.ProgressListener;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's code does what the guide says, on the Queryfeed database. */
class GuideExamplesTest {
  private static final String DATABASE = "queryfeed_guide";
  private static DataSource database;
  private static SourceSchema schema;

  @TempDir Path runs;

  @BeforeAll
  static void generate() {
    database = EmbeddedPostgresServer.shared().createDatabase(DATABASE);
    QueryfeedDatabase.create(database, 1_000);
    schema = PostgresSource.builder().dataSource(database).build().readSchema();
  }

  @Test
  void overrides_replace_the_conventions_for_one_table() {
    Mapping mapping = GuideMappings.conventionsWithOverrides(schema);

    assertThat(mapping.entity(TableName.parse("users")).orElseThrow().identity().attribute())
        .isEqualTo(Attribute.of("user", "pg-id"));
    assertThat(attribute(mapping, "tag", "name")).isNotNull();
    assertThat(mapping.entity(TableName.parse("users")).orElseThrow().skippedColumns())
        .containsExactly("password_hash");
  }

  @Test
  void column_options_set_types_uniqueness_and_history() {
    Mapping mapping = GuideMappings.columnOptions(schema);

    assertThat(attribute(mapping, "user", "website").valueType()).isEqualTo(ValueType.URI);
    assertThat(attribute(mapping, "user", "external-id").valueType()).isEqualTo(ValueType.UUID);
    assertThat(attribute(mapping, "user", "bio").noHistory()).isTrue();
    assertThat(attribute(mapping, "user", "first-name").doc()).hasValue("Given name");
    assertThat(attribute(mapping, "order", "item-count").valueType()).isEqualTo(ValueType.BIGINT);
    assertThat(mapping.skippedTables()).contains(TableName.parse("posts"));
  }

  @Test
  void enums_take_listed_values_or_the_database_labels() {
    Mapping mapping = GuideMappings.enums(schema);

    assertThat(mapping.targetSchema().enumIdents())
        .extracting(Object::toString)
        .contains(
            ":user.source/facebook",
            ":user.source/other",
            ":user.status/active",
            ":user.status/deleted")
        .doesNotContain(":user.source/twitter");
  }

  @Test
  void refs_and_bridges_become_ref_attributes() {
    Mapping mapping = GuideMappings.refsAndBridges(schema);

    assertThat(attribute(mapping, "post", "author").valueType()).isEqualTo(ValueType.REF);
    assertThat(attribute(mapping, "post", "tags").cardinality()).isEqualTo(Cardinality.MANY);
    assertThat(mapping.skippedTables())
        .containsExactlyInAnyOrder(TableName.parse("orders"), TableName.parse("ipn"));
  }

  @Test
  void mapping_options_apply_to_the_whole_mapping() {
    Mapping mapping = GuideMappings.mappingOptions(schema);

    assertThat(mapping.options().allowNonFiniteNumbers()).isTrue();
    assertThat(mapping.entity(TableName.parse("post_tags"))).isPresent();
    assertThat(mapping.bridges()).isEmpty();
  }

  @Test
  void strict_nulls_accepts_a_mapping_that_chose_every_null_policy() {
    assertThat(GuideMappings.strict(schema).entities()).hasSize(1);
  }

  @Test
  void printed_conventions_are_java_source() {
    assertThat(GuideMappings.printedConventions(schema))
        .contains("Mapping mapping = Mappings.define(schema)")
        .contains(".bridge(\"post_tags\")");
  }

  @Test
  void run_options_rehearse_run_and_verify() {
    try (PostgresSource source = PostgresSource.builder().dataSource(database).build();
        DatomicTarget target = DatomicTarget.builder().uri(freshUri()).build()) {
      MigrationReport report =
          RunningMigrations.migrate(source, target, runs, ProgressListener.NONE);

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.steps()).extracting(s -> s.stepId()).contains("link public.ipn");
      assertThat(runs.resolve("schema.edn")).exists();
    }
  }

  private static AttributeSchema attribute(Mapping mapping, String namespace, String name) {
    Attribute wanted = Attribute.of(namespace, name);
    return mapping.targetSchema().attributes().stream()
        .filter(a -> a.ident().equals(wanted))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no attribute " + wanted + " in " + mapping.targetSchema()));
  }

  private static String freshUri() {
    return "datomic:mem://guide-" + UUID.randomUUID();
  }
}
