package io.datomize.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.catalog.TableName;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Mapping;
import io.datomize.target.Attribute;
import io.datomize.target.ValueType;
import io.datomize.verify.BridgeVerification;
import io.datomize.verify.TableVerification;
import io.datomize.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTextTest {
  private static final TableName USERS = TableName.of("public", "users");
  private static final TableName TAGS = TableName.of("public", "tags");
  private static final TableName USER_TAGS = TableName.of("public", "user_tags");
  private static final TableName AUDIT = TableName.of("public", "audit");

  @Test
  void lists_what_the_mapping_leaves_out_by_table_and_column() {
    assertThat(NotMigrated.of(mapping()))
        .extracting(NotMigrated::toString)
        .containsExactly(
            "public.audit: table skipped by the mapping",
            "public.user_tags.last_update: dropped by the mapping, in the bridge collapsed into :user/tags",
            "public.users.password_hash: skipped by the mapping",
            "public.users.salt: skipped by the mapping");
  }

  @Test
  void the_summary_names_what_was_not_migrated_and_what_verification_compared() {
    String summary = report(3).summary();

    assertThat(summary)
        .contains(
            "not migrated: 4 columns or tables\n"
                + "  public.audit: the whole table (table skipped by the mapping)\n"
                + "  public.user_tags: last_update (dropped by the mapping, in the bridge collapsed into :user/tags)\n"
                + "  public.users: password_hash (skipped by the mapping), salt (skipped by the mapping)\n");
    assertThat(summary)
        .contains(
            "verification: PASSED (1 tables, 1 bridges, values compared for a sample)\n"
                + "  compared:\n"
                + "    row counts: source rows minus rejected rows against entities, in 1 tables\n"
                + "    values: every 3rd row converted again and compared attribute by attribute with its entity, in 1"
                + " tables\n"
                + "    refs: non-null foreign keys against ref values, in 1 tables\n"
                + "    bridges: bridge rows minus rejected rows against values of the cardinality-many ref, in 1 bridges\n");
    assertThat(report(1).summary()).contains("values: every row converted again");
    assertThat(MigrationReport.builder().from(report(1)).notMigrated(List.of()).build().summary())
        .contains("not migrated: nothing, every column of every table is loaded\n");
  }

  @Test
  void the_json_report_names_what_was_not_migrated_and_what_verification_compared()
      throws Exception {
    JsonNode json = new ObjectMapper().readTree(report(2).toJson());

    JsonNode left = json.get("notMigrated");
    assertThat(left.size()).isEqualTo(4);
    assertThat(left.get(0).get("table").asText()).isEqualTo("public.audit");
    assertThat(left.get(0).get("column").isNull()).isTrue();
    assertThat(left.get(2).get("column").asText()).isEqualTo("password_hash");
    assertThat(left.get(2).get("reason").asText()).isEqualTo("skipped by the mapping");
    JsonNode verification = json.get("verification");
    assertThat(verification.get("sampleEvery").asInt()).isEqualTo(2);
    assertThat(verification.get("compared").size()).isEqualTo(4);
    assertThat(verification.get("compared").get(1).asText())
        .startsWith("values: every 2nd row converted again");
  }

  @Test
  void the_summary_gives_the_time_the_target_took_to_index_once() {
    MigrationReport indexed =
        MigrationReport.builder()
            .from(report(1))
            .indexing(java.time.Duration.ofMillis(250))
            .build();

    assertThat(indexed.summary()).contains("indexed in 0.250s\n").doesNotContain("0.250s s");
    assertThat(MigrationReport.builder().from(indexed).bulkLoad(true).build().summary())
        .contains("indexed and unique attributes constrained in 0.250s");
  }

  private static MigrationReport report(int sampleEvery) {
    Instant start = Instant.parse("2024-05-01T10:00:00Z");
    return MigrationReport.builder()
        .runId("20240501T100000.000Z-abcdef")
        .started(start)
        .finished(start.plusSeconds(2))
        .dryRun(false)
        .addSteps(
            StepReport.builder()
                .stepId("load public.users")
                .table(USERS)
                .rowsRead(3)
                .rowsLoaded(3)
                .rowsRejected(0)
                .rowsWithoutData(0)
                .datoms(9)
                .transactions(1)
                .duration(Duration.ofMillis(5))
                .build())
        .verification(
            VerificationReport.builder()
                .sampleEvery(sampleEvery)
                .addTables(
                    TableVerification.builder()
                        .table(USERS)
                        .sourceRows(3)
                        .rejectedRows(0)
                        .entities(3)
                        .compared(3)
                        .mismatches(0)
                        .sourceRefs(0)
                        .targetRefs(0)
                        .build())
                .addBridges(
                    BridgeVerification.builder()
                        .table(USER_TAGS)
                        .attribute(Attribute.parse(":user/tags"))
                        .sourceRows(2)
                        .rejectedRows(0)
                        .values(2)
                        .build())
                .build())
        .notMigrated(NotMigrated.of(mapping()))
        .build();
  }

  private static Mapping mapping() {
    EntityMapping users = entity(USERS, "user").addSkippedColumns("salt", "password_hash").build();
    EntityMapping tags = entity(TAGS, "tag").build();
    BridgeMapping userTags =
        BridgeMapping.builder()
            .table(USER_TAGS)
            .owner(USERS)
            .addOwnerColumns("user_id")
            .target(TAGS)
            .addTargetColumns("tag_id")
            .attribute(Attribute.parse(":user/tags"))
            .addDroppedColumns("last_update")
            .build();
    return Mapping.builder()
        .addEntities(users, tags)
        .addBridges(userTags)
        .addSkippedTables(AUDIT)
        .build();
  }

  private static EntityMapping.Builder entity(TableName table, String namespace) {
    return EntityMapping.builder()
        .table(table)
        .namespace(namespace)
        .identity(
            IdentityMapping.builder()
                .attribute(Attribute.of(namespace, "id"))
                .addColumns("id")
                .addValueTypes(ValueType.LONG)
                .build());
  }
}
