package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.plan.Planner;
import io.datomize.target.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys of types Datomic has no type for identify their rows by their text, floating-point keys by
 * their value, and foreign keys to them become refs; the plan says which are text.
 */
class UnusualKeysTest {
  private static final TableName HOST = TableName.of("public", "host");
  private static final TableName GAUGE = TableName.of("public", "gauge");
  private static final TableName VISIT = TableName.of("public", "visit");

  private static Column column(String name, String sqlType, TypeFamily family, boolean nullable) {
    return Column.of(name, ColumnType.of(sqlType, family), nullable);
  }

  private static final SourceSchema SCHEMA =
      SourceSchema.builder()
          .addTables(
              Table.builder()
                  .name(HOST)
                  .primaryKey(List.of("addr", "span"))
                  .addColumns(
                      column("addr", "inet", TypeFamily.OTHER, false),
                      column("span", "interval", TypeFamily.INTERVAL, false))
                  .build(),
              Table.builder()
                  .name(GAUGE)
                  .primaryKey(List.of("level"))
                  .addColumns(column("level", "float8", TypeFamily.DOUBLE, false))
                  .build(),
              Table.builder()
                  .name(VISIT)
                  .primaryKey(List.of("id"))
                  .addColumns(
                      column("id", "bigint", TypeFamily.INTEGER, false),
                      column("addr", "inet", TypeFamily.OTHER, true),
                      column("span", "interval", TypeFamily.INTERVAL, true),
                      column("level", "float8", TypeFamily.DOUBLE, true))
                  .addForeignKeys(
                      ForeignKey.of(
                          "visit_host", List.of("addr", "span"), HOST, List.of("addr", "span")),
                      ForeignKey.of("visit_gauge", List.of("level"), GAUGE, List.of("level")))
                  .build())
          .build();

  @Test
  void conventions_identify_by_text_and_by_floating_point_value_and_refer_to_both() {
    Mapping mapping = Mappings.conventions(SCHEMA).build();

    assertThat(mapping.entity(HOST).orElseThrow().identity().valueTypes())
        .containsExactly(ValueType.STRING, ValueType.STRING);
    assertThat(mapping.entity(GAUGE).orElseThrow().identity().valueTypes())
        .containsExactly(ValueType.DOUBLE);
    EntityMapping visit = mapping.entity(VISIT).orElseThrow();
    assertThat(visit.refs()).extracting(r -> r.target()).containsExactlyInAnyOrder(HOST, GAUGE);
    assertThat(Planner.plan(SCHEMA, mapping).warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("public.host is identified by the text of (addr, span)")
                    .contains("inet, interval has no Datomic value type"))
        .noneSatisfy(w -> assertThat(w).startsWith("public.gauge is identified by the text"));
  }
}
