package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.Mapping;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A mapping that reads what the source's user may not read, or a table whose rows row-level
 * security hides from it, does not validate, naming the columns and the ways out; leaving them out
 * does.
 */
class SourceAccessTest {
  private static final TableName ACCOUNT = TableName.of("public", "account");
  private static final TableName AUDIT = TableName.of("public", "audit");
  private static final TableName NOTE = TableName.of("public", "note");
  private static final TableName TENANT_ROW = TableName.of("public", "tenant_row");

  private static Column column(String name, boolean readable) {
    return Column.of(name, ColumnType.of("text", TypeFamily.TEXT), true).readable(readable);
  }

  private static Column key(String name) {
    return Column.of(name, ColumnType.of("bigint", TypeFamily.INTEGER), false);
  }

  private static final SourceSchema SCHEMA =
      SourceSchema.builder()
          .addTables(
              Table.builder()
                  .name(ACCOUNT)
                  .primaryKey(List.of("id"))
                  .addColumns(key("id"), column("name", true), column("password_hash", false))
                  .build(),
              Table.builder()
                  .name(AUDIT)
                  .primaryKey(List.of("id"))
                  .addColumns(key("id").readable(false), column("entry", false))
                  .build(),
              Table.builder()
                  .name(NOTE)
                  .addColumns(column("title", true), column("body", false))
                  .build(),
              Table.builder()
                  .name(TENANT_ROW)
                  .primaryKey(List.of("id"))
                  .addColumns(key("id"), column("tenant", true))
                  .isRowSecurityActive(true)
                  .build())
          .build();

  @Test
  void conventions_over_unreadable_columns_name_them_and_the_ways_out() {
    MappingValidationException e =
        catchThrowableOfType(
            MappingValidationException.class, () -> Mappings.conventions(SCHEMA).build());

    assertThat(e.problems())
        .filteredOn(p -> p.problem().contains("may not read") || p.problem().contains("row-level"))
        .extracting(p -> p.table(), p -> p.columns())
        .containsExactlyInAnyOrder(
            tuple(Optional.of(ACCOUNT), List.of("password_hash")),
            tuple(Optional.of(AUDIT), List.of()),
            tuple(Optional.of(NOTE), List.of("body")),
            tuple(Optional.of(TENANT_ROW), List.of()));
    assertThat(e.problems())
        .filteredOn(p -> p.table().equals(Optional.of(ACCOUNT)))
        .singleElement()
        .satisfies(p -> assertThat(p.fix()).contains("grant").contains(".table(\"account\")"));
    assertThat(e.problems())
        .filteredOn(p -> p.table().equals(Optional.of(AUDIT)))
        .singleElement()
        .satisfies(p -> assertThat(p.fix()).contains(".skipTable(\"audit\")"));
    // a row without a key is identified by all its columns, so only the table can be left out
    assertThat(e.problems())
        .filteredOn(p -> p.table().equals(Optional.of(NOTE)))
        .singleElement()
        .satisfies(p -> assertThat(p.fix()).contains(".skipTable(\"note\")"));
    assertThat(e.problems())
        .filteredOn(p -> p.table().equals(Optional.of(TENANT_ROW)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.problem()).contains("row-level security");
              assertThat(p.fix()).contains("BYPASSRLS").contains(".skipTable(\"tenant_row\")");
            });
  }

  @Test
  void leaving_the_unreadable_columns_and_tables_out_validates() {
    Mapping mapping =
        Mappings.conventions(SCHEMA)
            .table("account")
            .toEntity("account")
            .identifiedBy("id")
            .skip("password_hash")
            .skipTable("audit", "note", "tenant_row")
            .build();

    assertThat(mapping.entity(ACCOUNT).orElseThrow().attributeFor("password_hash")).isEmpty();
    assertThat(mapping.skippedTables()).containsExactlyInAnyOrder(AUDIT, NOTE, TENANT_ROW);
  }
}
