package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.datomize.Migration;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.mapping.MappingValidationException;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;
import io.datomize.report.NotMigrated;
import io.datomize.run.RunOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration run as a database user that may not read everything: the plan names what it may not
 * read, and the table whose rows row-level security hides from it, before anything is loaded; with
 * those left out the run loads and verifies the rest and reports what was left out.
 */
class PrivilegesMigrationTest {
  private static PostgresSource limited;

  @TempDir Path runs;

  @BeforeAll
  static void createTablesAndRole() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("privileges_migration");
    String role = "migrator_" + db.name();
    db.execute(
        "create table customer (id bigint primary key, name text not null, card_number text)",
        "create table purchase (id bigint primary key, customer_id bigint references customer,"
            + " total numeric(10, 2))",
        "create table audit_log (id bigint primary key, entry text)",
        "insert into customer select g, 'customer ' || g, '4111-' || g from generate_series(1, 50) g",
        "insert into purchase select g, 1 + g % 50, g / 10.0 from generate_series(1, 200) g",
        "insert into audit_log values (1, 'secret')",
        "create role " + role + " login password 'migrator'",
        "grant select (id, name) on customer to " + role,
        "grant select on purchase to " + role,
        "create table tenant_note (id bigint primary key, tenant text, body text)",
        "insert into tenant_note values (1, 'a', 'x'), (2, 'b', 'y')",
        "alter table tenant_note enable row level security",
        "create policy tenant_a on tenant_note using (tenant = 'a')",
        "grant select on tenant_note to " + role);
    limited = db.sourceAs(role, "migrator").build();
  }

  @Test
  void the_plan_names_what_the_user_may_not_read_before_anything_is_loaded() {
    assertThatThrownBy(
            () -> Migration.from(limited).mapping(s -> Mappings.conventions(s).build()).plan())
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining("public.customer column card_number")
        .hasMessageContaining("public.audit_log")
        .hasMessageContaining("may not read")
        .hasMessageContaining(".skipTable(\"audit_log\")")
        .hasMessageContaining("public.tenant_note: row-level security applies");
  }

  @Test
  void with_the_unreadable_parts_left_out_the_rest_loads_verifies_and_is_reported() {
    try (DatomicTarget datomic =
        DatomicTarget.builder().uri("datomic:mem://privileges-" + UUID.randomUUID()).build()) {
      MigrationReport report =
          Migration.from(limited)
              .mapping(
                  s ->
                      Mappings.conventions(s)
                          .table("customer")
                          .toEntity("customer")
                          .identifiedBy("id")
                          .skip("card_number")
                          .skipTable("audit_log", "tenant_note")
                          .build())
              .options(RunOptions.builder().runDirectory(runs).build())
              .to(datomic)
              .run();

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(report.summary()).isTrue());
      assertThat(report.notMigrated())
          .extracting(NotMigrated::table, NotMigrated::column)
          .contains(
              tuple(TableName.of("public", "customer"), Optional.of("card_number")),
              tuple(TableName.of("public", "audit_log"), Optional.empty()));
    }
  }
}
