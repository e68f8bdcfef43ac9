package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.AttributeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.plan.Planner;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Arrays by their dimensions, and the mapping options for values Datomic cannot hold as they are.
 */
class ValueOptionsTest {
  private static final TableName READINGS = TableName.of("public", "readings");
  private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");
  private static final Instant ALWAYS = Instant.parse("0001-01-01T00:00:00Z");

  @Test
  void conventions_carry_a_multidimensional_array_as_json_text_and_a_flat_one_as_many_values() {
    EntityMapping readings = Mappings.conventions(schema()).build().entity(READINGS).orElseThrow();

    AttributeMapping grid = readings.attributeFor("grid").orElseThrow();
    AttributeMapping tags = readings.attributeFor("tags").orElseThrow();
    assertThat(grid.valueType()).isEqualTo(ValueType.STRING);
    assertThat(grid.cardinality()).isEqualTo(Cardinality.ONE);
    assertThat(grid.converter()).contains(Converters.arrayToJson());
    assertThat(tags.valueType()).isEqualTo(ValueType.STRING);
    assertThat(tags.cardinality()).isEqualTo(Cardinality.MANY);
    assertThat(tags.converter()).isEmpty();
  }

  @Test
  void a_multidimensional_array_named_in_the_dsl_is_json_text_too() {
    Mapping mapping =
        Mappings.define(schema())
            .table("readings")
            .toEntity("reading")
            .identifiedBy("id")
            .column("grid")
            .to("grid")
            .column("tags")
            .to("tags")
            .skip("taken")
            .build();

    AttributeMapping grid =
        mapping.entity(READINGS).orElseThrow().attributeFor("grid").orElseThrow();
    assertThat(grid.converter()).contains(Converters.arrayToJson());
    assertThat(grid.cardinality()).isEqualTo(Cardinality.ONE);
  }

  @Test
  void the_plan_says_a_multidimensional_array_is_stored_as_json_and_where_infinity_goes() {
    Mapping mapping = Mappings.conventions(schema()).infinityAs(ALWAYS, NEVER).build();

    String explained = Planner.plan(schema(), mapping).explain();

    assertThat(explained)
        .contains(
            "public.readings.grid -> :",
            "a multidimensional array, stored as the text of a" + " JSON array",
            "-infinity and infinity in date and timestamp columns load as 0001-01-01T00:00:00Z and"
                + " 9999-12-31T23:59:59Z");
    assertThat(Planner.plan(schema(), Mappings.conventions(schema()).build()).explain())
        .doesNotContain("infinity");
  }

  @Test
  void infinity_and_null_element_options_reach_the_mapping_and_its_java_source() {
    Mapping mapping =
        Mappings.conventions(schema()).infinityAs(ALWAYS, NEVER).dropNullArrayElements().build();

    assertThat(mapping.options().negativeInfinity()).contains(ALWAYS);
    assertThat(mapping.options().positiveInfinity()).contains(NEVER);
    assertThat(mapping.options().dropNullArrayElements()).isTrue();
    assertThat(Mappings.toJavaSource(mapping, schema()))
        .contains(
            "\n    .infinityAs(java.time.Instant.parse("
                + "\"0001-01-01T00:00:00Z\"), java.time.Instant.parse(\"9999-12-31T23:59:59Z\"))\n"
                + "    .dropNullArrayElements()\n");
    Mapping defaults = Mappings.conventions(schema()).build();
    assertThat(defaults.options().negativeInfinity()).isEmpty();
    assertThat(defaults.options().dropNullArrayElements()).isFalse();
  }

  @Test
  void infinity_must_load_before_infinity() {
    assertThatThrownBy(() -> Mappings.conventions(schema()).infinityAs(NEVER, ALWAYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-infinity must load as an instant before");
  }

  private static SourceSchema schema() {
    return SourceSchema.builder()
        .addTables(
            Table.builder()
                .name(READINGS)
                .addColumns(
                    Column.of("id", ColumnType.of("int8", TypeFamily.INTEGER), false),
                    Column.of(
                        "grid",
                        ColumnType.builder()
                            .sqlName("float8")
                            .family(TypeFamily.DOUBLE)
                            .isArray(true)
                            .dimensions(2)
                            .build(),
                        true),
                    Column.of("tags", ColumnType.arrayOf("text", TypeFamily.TEXT), true),
                    Column.of("taken", ColumnType.of("timestamp", TypeFamily.TIMESTAMP), true))
                .addPrimaryKey("id")
                .build())
        .build();
  }
}
