package io.datomize.mapping;

import static io.datomize.mapping.ConventionShapesTest.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverters;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.KeyMapping;
import io.datomize.model.Mapping;
import io.datomize.plan.BridgeStep;
import io.datomize.plan.Plan;
import io.datomize.plan.Planner;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Foreign keys that reference a unique key other than the primary key, single and composite. */
class UniqueKeyRefsTest {
  static final TableName COUNTRIES = TableName.parse("countries");
  static final TableName CITIES = TableName.parse("cities");
  static final TableName ACCOUNTS = TableName.parse("accounts");
  static final TableName SESSIONS = TableName.parse("sessions");
  static final TableName TAGS = TableName.parse("tags");
  static final TableName CITY_TAGS = TableName.parse("city_tags");
  static final ConversionContext CONTEXT = new ConversionContext(Instant.EPOCH, ZoneOffset.UTC);

  static final SourceSchema SCHEMA =
      SourceSchema.builder()
          .addTables(
              Table.builder()
                  .name(COUNTRIES)
                  .addColumns(
                      column("id", "int8", TypeFamily.INTEGER, false),
                          column("iso2", "text", TypeFamily.TEXT, false),
                      column("code3", "text", TypeFamily.TEXT, true),
                          column("region", "int4", TypeFamily.INTEGER, true))
                  .addPrimaryKey("id")
                  .addUniqueKeys(
                      UniqueKey.of("countries_iso2_key", List.of("iso2")),
                      UniqueKey.of("countries_code3_region_key", List.of("code3", "region")))
                  .build(),
              Table.builder()
                  .name(CITIES)
                  .addColumns(
                      column("id", "int8", TypeFamily.INTEGER, false),
                      column("country_iso2", "text", TypeFamily.TEXT, true),
                      column("region", "int4", TypeFamily.INTEGER, true),
                      column("code3", "text", TypeFamily.TEXT, true))
                  .addPrimaryKey("id")
                  .addForeignKeys(
                      ForeignKey.of(
                          "cities_country_iso2_fkey",
                          List.of("country_iso2"),
                          COUNTRIES,
                          List.of("iso2")),
                      ForeignKey.of(
                          "cities_code3_region_fkey",
                          List.of("region", "code3"),
                          COUNTRIES,
                          List.of("region", "code3")))
                  .build(),
              Table.builder()
                  .name(ACCOUNTS)
                  .addColumns(
                      column("email", "text", TypeFamily.TEXT, false),
                      column("login", "text", TypeFamily.TEXT, false))
                  .addUniqueKeys(
                      UniqueKey.of("accounts_email_key", List.of("email")),
                      UniqueKey.of("accounts_login_key", List.of("login")))
                  .build(),
              Table.builder()
                  .name(SESSIONS)
                  .addColumns(
                      column("id", "int8", TypeFamily.INTEGER, false),
                      column("account_login", "text", TypeFamily.TEXT, false))
                  .addPrimaryKey("id")
                  .addForeignKeys(
                      ForeignKey.of(
                          "sessions_login_fkey",
                          List.of("account_login"),
                          ACCOUNTS,
                          List.of("login")))
                  .build(),
              Table.builder()
                  .name(TAGS)
                  .addColumns(
                      column("id", "int8", TypeFamily.INTEGER, false),
                      column("code", "text", TypeFamily.TEXT, false))
                  .addPrimaryKey("id")
                  .addUniqueKeys(UniqueKey.of("tags_code_key", List.of("code")))
                  .build(),
              Table.builder()
                  .name(CITY_TAGS)
                  .addColumns(
                      column("city_id", "int8", TypeFamily.INTEGER, false),
                      column("tag_code", "text", TypeFamily.TEXT, false))
                  .addPrimaryKey("city_id", "tag_code")
                  .addForeignKeys(
                      ForeignKey.of(
                          "city_tags_city_fkey", List.of("city_id"), CITIES, List.of("id")),
                      ForeignKey.of(
                          "city_tags_tag_fkey", List.of("tag_code"), TAGS, List.of("code")))
                  .build())
          .build();
  static final Mapping MAPPING = Mappings.conventions(SCHEMA).build();

  static Attribute attribute(TableName table, String column) {
    return Attribute.of(Conventions.namespace(table), Conventions.attributeName(column));
  }

  static Attribute key(TableName table, String... columns) {
    return Attribute.of(Conventions.namespace(table), Conventions.identityName(List.of(columns)));
  }

  @Test
  void a_composite_unique_key_becomes_a_unique_value_tuple_and_a_single_one_a_unique_attribute() {
    EntityMapping countries = MAPPING.entity(COUNTRIES).orElseThrow();

    assertThat(countries.uniqueKeys())
        .containsExactly(
            KeyMapping.builder()
                .attribute(key(COUNTRIES, "code3", "region"))
                .addColumns("code3", "region")
                .addValueTypes(ValueType.STRING, ValueType.LONG)
                .build());
    assertThat(countries.attributeFor("iso2").orElseThrow().unique()).isEqualTo(Uniqueness.VALUE);
    assertThat(MAPPING.targetSchema().attributes())
        .contains(
            AttributeSchema.builder()
                .ident(key(COUNTRIES, "code3", "region"))
                .valueType(ValueType.TUPLE)
                .unique(Uniqueness.VALUE)
                .addTupleTypes(ValueType.STRING, ValueType.LONG)
                .build());
    assertThat(countries.lookupAttribute(List.of("region", "code3")))
        .contains(key(COUNTRIES, "code3", "region"));
    assertThat(countries.lookupAttribute(List.of("iso2"))).contains(attribute(COUNTRIES, "iso2"));
  }

  @Test
  void refs_to_unique_keys_are_lookup_refs_on_their_attributes() {
    TxEntity city =
        RowConverters.load(
                MAPPING.entity(CITIES).orElseThrow(), MAPPING, java.util.Set.of(), CONTEXT)
            .convert(
                SourceRow.of(
                    RowShape.of(
                        CITIES, List.of("id", "country_iso2", "region", "code3"), List.of("id")),
                    new Object[] {7L, "DE", 1, "DEU"}))
            .entity();

    assertThat(city.valueOf(refTo(CITIES, COUNTRIES, "country_iso2")))
        .isEqualTo(LookupRef.of(attribute(COUNTRIES, "iso2"), "DE"));
    assertThat(city.valueOf(refTo(CITIES, COUNTRIES, "region", "code3")))
        .isEqualTo(LookupRef.of(key(COUNTRIES, "code3", "region"), Tuple.of("DEU", 1L)));
  }

  @Test
  void each_row_carries_its_copy_of_a_composite_unique_key_unless_a_part_is_null() {
    var converter =
        RowConverters.load(
            MAPPING.entity(COUNTRIES).orElseThrow(), MAPPING, java.util.Set.of(), CONTEXT);
    RowShape shape =
        RowShape.of(COUNTRIES, List.of("id", "iso2", "code3", "region"), List.of("id"));

    assertThat(
            converter
                .convert(SourceRow.of(shape, new Object[] {1L, "DE", "DEU", 1}))
                .entity()
                .valueOf(key(COUNTRIES, "code3", "region")))
        .isEqualTo(Tuple.of("DEU", 1L));
    TxEntity partly =
        converter.convert(SourceRow.of(shape, new Object[] {2L, "FR", "FRA", null})).entity();
    assertThat(partly.valueOf(key(COUNTRIES, "code3", "region"))).isNull();
    assertThat(partly.valueOf(attribute(COUNTRIES, "code3"))).isEqualTo("FRA");
  }

  @Test
  void a_table_without_a_primary_key_is_identified_by_the_unique_key_foreign_keys_reference() {
    EntityMapping accounts = MAPPING.entity(ACCOUNTS).orElseThrow();

    assertThat(accounts.identity().columns()).containsExactly("login");
    assertThat(accounts.attributeFor("email").orElseThrow().unique()).isEqualTo(Uniqueness.VALUE);
  }

  @Test
  void a_bridge_whose_target_end_references_a_unique_key_collapses_and_links_by_it() {
    BridgeMapping bridge = MAPPING.bridges().get(0);
    assertThat(bridge.table()).isEqualTo(CITY_TAGS);
    assertThat(bridge.targetAttribute()).contains(attribute(TAGS, "code"));

    Plan plan = Planner.plan(SCHEMA, MAPPING);
    TxEntity link =
        RowConverters.forStep(plan, plan.steps(BridgeStep.class).get(0), CONTEXT)
            .convert(
                SourceRow.of(
                    RowShape.of(
                        CITY_TAGS, List.of("city_id", "tag_code"), List.of("city_id", "tag_code")),
                    new Object[] {7L, "port"}))
            .entity();
    assertThat(link.identity())
        .isEqualTo(LookupRef.of(MAPPING.entity(CITIES).orElseThrow().identity().attribute(), 7L));
    assertThat(link.valueOf(bridge.attribute()))
        .isEqualTo(List.of(LookupRef.of(attribute(TAGS, "code"), "port")));
  }

  @Test
  void a_bridge_whose_owner_could_only_be_named_by_a_unique_key_stays_an_entity() {
    SourceSchema schema =
        SourceSchema.builder()
            .addAllTables(
                SCHEMA.tables().stream().filter(t -> !t.name().equals(CITY_TAGS)).toList())
            .addTables(
                Table.builder()
                    .name(TableName.parse("tag_countries"))
                    .addColumns(
                        column("tag_code", "text", TypeFamily.TEXT, false),
                        column("iso2", "text", TypeFamily.TEXT, false))
                    .addPrimaryKey("tag_code", "iso2")
                    .addForeignKeys(
                        ForeignKey.of("tc_tag", List.of("tag_code"), TAGS, List.of("code")),
                        ForeignKey.of("tc_country", List.of("iso2"), COUNTRIES, List.of("iso2")))
                    .build())
            .build();
    Mapping mapping = Mappings.conventions(schema).build();

    assertThat(mapping.bridges()).isEmpty();
    assertThat(mapping.entity(TableName.parse("tag_countries")).orElseThrow().refs()).hasSize(2);
  }

  @Test
  void printed_source_declares_the_unique_keys_and_builds_the_same_mapping() {
    assertThat(Mappings.toJavaSource(MAPPING, SCHEMA))
        .contains("\n        .uniqueKey(\"code3\", \"region\")\n");

    Mapping explicit =
        Mappings.define(SCHEMA)
            .table("countries")
            .toEntity("land")
            .identifiedBy("id")
            .uniqueKey("code3", "region")
            .otherColumnsByConvention()
            .skipOtherTables()
            .build();
    assertThat(explicit.entity(COUNTRIES).orElseThrow().uniqueKeys())
        .extracting(KeyMapping::attribute)
        .containsExactly(
            Attribute.of("land", Conventions.identityName(List.of("code3", "region"))));
  }

  @Test
  void a_unique_key_on_columns_no_constraint_covers_is_reported() {
    assertThatThrownBy(
            () ->
                Mappings.conventions(SCHEMA)
                    .table("cities")
                    .toEntity("city")
                    .identifiedBy("id")
                    .uniqueKey("region", "code3")
                    .build())
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining(
            "public.cities columns region, code3: unique key :city/region+code3 is on columns "
                + "that no unique constraint or unique index of the table covers");
  }

  private static Attribute refTo(TableName table, TableName target, String... columns) {
    return MAPPING.entity(table).orElseThrow().refs().stream()
        .filter(
            r ->
                r.target().equals(target) && ForeignKeys.sameColumns(r.columns(), List.of(columns)))
        .findFirst()
        .orElseThrow()
        .attribute();
  }
}
