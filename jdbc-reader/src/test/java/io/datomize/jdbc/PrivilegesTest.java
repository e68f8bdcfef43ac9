package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.Column;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.SourceException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog says which columns the connection's user may read, by table and by column privilege,
 * and on which tables row-level security hides rows from it; the server agrees.
 */
class PrivilegesTest {
  private static TestDatabase db;
  private static PostgresSource limited;

  @BeforeAll
  static void createTablesAndRole() {
    db = EmbeddedPostgresServer.freshDatabase("privileges");
    String role = "reader_" + db.name();
    db.execute(
        "create table open (id bigint primary key, name text)",
        "create table half (id bigint primary key, name text, secret text)",
        "create table closed (id bigint primary key, entry text)",
        "insert into open values (1, 'a')",
        "insert into half values (1, 'b', 's')",
        "insert into closed values (1, 'c')",
        "create role " + role + " login password 'reader'",
        "grant select on open to " + role,
        "grant select (id, name) on half to " + role,
        "create table tenant_row (id bigint primary key, tenant text)",
        "insert into tenant_row values (1, 'a'), (2, 'b'), (3, 'b')",
        "alter table tenant_row enable row level security",
        "create policy tenant_a on tenant_row using (tenant = 'a')",
        "grant select on tenant_row to " + role,
        "create schema locked",
        "create table locked.vault (id bigint primary key)",
        "grant select on locked.vault to " + role);
    limited = db.sourceAs(role, "reader").build();
  }

  private static Map<String, Boolean> readable(SourceSchema schema, String table) {
    return schema.table(TableName.of("public", table)).columns().stream()
        .collect(Collectors.toMap(Column::name, Column::isReadable));
  }

  @Test
  void each_column_is_readable_as_the_users_table_and_column_privileges_say() {
    SourceSchema schema = limited.readSchema();

    assertThat(readable(schema, "open"))
        .containsOnly(Map.entry("id", true), Map.entry("name", true));
    assertThat(readable(schema, "half"))
        .containsOnly(Map.entry("id", true), Map.entry("name", true), Map.entry("secret", false));
    assertThat(readable(schema, "closed"))
        .containsOnly(Map.entry("id", false), Map.entry("entry", false));
    assertThat(readable(ownerSchema(), "closed"))
        .containsOnly(Map.entry("id", true), Map.entry("entry", true));
  }

  @Test
  void a_table_in_a_schema_the_user_may_not_use_is_unreadable_whatever_its_grants() {
    SourceSchema schema =
        db.sourceAs("reader_" + db.name(), "reader").schemas("locked").build().readSchema();

    assertThat(schema.table(TableName.of("locked", "vault")).columns())
        .extracting(Column::isReadable)
        .containsOnly(false);
  }

  @Test
  void the_server_reads_what_the_catalog_calls_readable_and_refuses_the_rest() {
    TableName half = TableName.of("public", "half");
    try (RowCursor cursor =
        limited.read(
            ReadRequest.builder()
                .table(half)
                .addColumns("id", "name")
                .addKeyColumns("id")
                .build())) {
      assertThat(cursor.next().get("name")).isEqualTo("b");
    }
    assertThatThrownBy(
            () -> {
              try (RowCursor cursor =
                  limited.read(
                      ReadRequest.builder()
                          .table(half)
                          .addColumns("id", "secret")
                          .addKeyColumns("id")
                          .build())) {
                cursor.hasNext();
              }
            })
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("permission denied");
  }

  @Test
  void row_security_is_active_for_a_user_its_policies_apply_to_and_hides_rows_from_its_counts() {
    TableName tenantRow = TableName.of("public", "tenant_row");

    assertThat(limited.readSchema().table(tenantRow).isRowSecurityActive()).isTrue();
    assertThat(limited.stats(tenantRow, List.of("id")).rowCount()).isEqualTo(1);
    assertThat(ownerSchema().table(tenantRow).isRowSecurityActive()).isFalse();
    assertThat(ownerSchema().table(TableName.of("public", "open")).isRowSecurityActive()).isFalse();
  }

  private static SourceSchema ownerSchema() {
    return PostgresSource.builder().dataSource(db.dataSource()).build().readSchema();
  }
}
