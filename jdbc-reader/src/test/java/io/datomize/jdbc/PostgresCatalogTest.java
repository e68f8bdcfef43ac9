package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.EnumCandidate;
import io.datomize.catalog.EnumType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.SourceException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresCatalogTest {
  private static TestDatabase db;
  private static SourceSchema schema;

  @BeforeAll
  static void loadSchema() {
    db = EmbeddedPostgresServer.freshDatabase("catalog");
    db.runResource("/io/datomize/jdbc/test-schema.sql");
    db.execute(
        "insert into measurement select g, date '2023-01-01' + g % 700, g from generate_series(1, 700) g",
        "analyze");
    schema = source().build().readSchema();
  }

  private static PostgresSource.Builder source() {
    return PostgresSource.builder().dataSource(db.dataSource());
  }

  private static Table table(String name) {
    return schema.table(TableName.of("public", name));
  }

  private static Map<String, ColumnType> types(String table) {
    return table(table).columns().stream().collect(Collectors.toMap(Column::name, Column::type));
  }

  @Test
  void lists_tables_of_public_only_without_partitions_or_views() {
    assertThat(schema.tables())
        .extracting(t -> t.name().toString())
        .containsExactly(
            "public.Mixed Case",
            "public.employee",
            "public.every_type",
            "public.husband",
            "public.log_line",
            "public.measurement",
            "public.order",
            "public.order_line",
            "public.reading",
            "public.shipment",
            "public.shipping",
            "public.user",
            "public.wife");
  }

  @Test
  void folds_nested_partitions_into_their_topmost_parent() {
    Table measurement = table("measurement");
    assertThat(measurement.partitions())
        .containsExactly(
            TableName.of("public", "measurement_2023"),
            TableName.of("public", "measurement_2024_h1"),
            TableName.of("public", "measurement_2024_h2"));
    assertThat(measurement.primaryKey()).containsExactly("id", "taken_on");
    assertThat(measurement.estimatedRows()).isEqualTo(700);
  }

  @Test
  void foreign_key_to_a_partitioned_table_names_the_parent() {
    assertThat(table("reading").foreignKeys())
        .singleElement()
        .satisfies(
            fk -> {
              assertThat(fk.columns()).containsExactly("measurement_id", "taken_on");
              assertThat(fk.target()).isEqualTo(TableName.of("public", "measurement"));
              assertThat(fk.targetColumns()).containsExactly("id", "taken_on");
            });
  }

  @Test
  void lists_views_when_asked() {
    SourceSchema withViews = source().includeViews(true).build().readSchema();
    Table view = withViews.table(TableName.of("public", "employee_names"));
    assertThat(view.columns()).extracting(Column::name).containsExactly("id", "name");
    assertThat(view.primaryKey()).isEmpty();
  }

  @Test
  void reads_several_schemas() {
    SourceSchema both = source().schemas("public", "sales").build().readSchema();
    assertThat(both.table("sales.invoice").foreignKeys())
        .containsExactly(
            ForeignKey.of(
                "invoice_buyer_fkey",
                List.of("buyer"),
                TableName.of("public", "employee"),
                List.of("id")));
    assertThat(both.tables()).hasSize(schema.tables().size() + 1);
  }

  @Test
  void a_schema_that_does_not_exist_is_an_error_listing_the_schemas_there_are() {
    assertThatThrownBy(() -> source().schemas("public", "no_such_schema").build().readSchema())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("schema no_such_schema does not exist")
        .hasMessageContaining("public (13 tables)")
        .hasMessageContaining("sales (1 table)");
  }

  @Test
  void a_schema_without_tables_is_an_error_listing_the_schemas_there_are() {
    db.execute("create schema if not exists nothing_here");
    assertThatThrownBy(() -> source().schemas("nothing_here").build().readSchema())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("schema nothing_here holds no table;")
        .hasMessageContaining("nothing_here (0 tables)")
        .hasMessageContaining("public (13 tables)");
  }

  @Test
  void a_schema_of_views_only_holds_something_only_when_views_are_read() {
    db.execute(
        "create schema if not exists reports",
        "create or replace view reports.staff as select id, name from public.employee");
    assertThatThrownBy(() -> source().schemas("reports").build().readSchema())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("schema reports holds no table;")
        .hasMessageContaining("views are not read unless includeViews(true)");
    assertThat(source().schemas("reports").includeViews(true).build().readSchema().tables())
        .extracting(t -> t.name().toString())
        .containsExactly("reports.staff");
  }

  @Test
  void maps_every_column_type_to_its_family() {
    Map<String, TypeFamily> families =
        table("every_type").columns().stream()
            .collect(Collectors.toMap(Column::name, c -> c.type().family()));
    assertThat(families)
        .containsAllEntriesOf(
            Map.ofEntries(
                Map.entry("small", TypeFamily.INTEGER),
                Map.entry("medium", TypeFamily.INTEGER),
                Map.entry("big", TypeFamily.INTEGER),
                Map.entry("counter", TypeFamily.INTEGER),
                Map.entry("amount", TypeFamily.NUMERIC),
                Map.entry("unbounded", TypeFamily.NUMERIC),
                Map.entry("r", TypeFamily.REAL),
                Map.entry("d", TypeFamily.DOUBLE),
                Map.entry("flag", TypeFamily.BOOLEAN),
                Map.entry("t", TypeFamily.TEXT),
                Map.entry("vc", TypeFamily.TEXT),
                Map.entry("ch", TypeFamily.TEXT),
                Map.entry("ci", TypeFamily.TEXT),
                Map.entry("nm", TypeFamily.TEXT),
                Map.entry("day", TypeFamily.DATE),
                Map.entry("ts", TypeFamily.TIMESTAMP),
                Map.entry("tstz", TypeFamily.TIMESTAMPTZ),
                Map.entry("tm", TypeFamily.TIME),
                Map.entry("tmtz", TypeFamily.TIME),
                Map.entry("span", TypeFamily.INTERVAL),
                Map.entry("uid", TypeFamily.UUID),
                Map.entry("js", TypeFamily.JSON),
                Map.entry("jsb", TypeFamily.JSONB),
                Map.entry("bin", TypeFamily.BYTEA),
                Map.entry("feeling", TypeFamily.ENUM),
                Map.entry("yr", TypeFamily.INTEGER),
                Map.entry("cost", TypeFamily.NUMERIC),
                Map.entry("addr", TypeFamily.OTHER),
                Map.entry("doc", TypeFamily.OTHER),
                Map.entry("cash", TypeFamily.NUMERIC)));
  }

  @Test
  void resolves_domains_arrays_enums_and_numeric_precision() {
    Map<String, ColumnType> types = types("every_type");
    assertThat(types.get("yr")).isEqualTo(ColumnType.of("int4", TypeFamily.INTEGER));
    assertThat(types.get("cost").precision()).contains(7);
    assertThat(types.get("cost").scale()).contains(2);
    assertThat(types.get("amount").precision()).contains(10);
    assertThat(types.get("amount").scale()).contains(3);
    assertThat(types.get("unbounded").precision()).isEmpty();
    assertThat(types.get("feeling")).isEqualTo(ColumnType.enumOf("public.mood"));
    assertThat(types.get("ints")).isEqualTo(ColumnType.arrayOf("int4", TypeFamily.INTEGER));
    assertThat(types.get("matrix"))
        .isEqualTo(
            ColumnType.builder()
                .from(ColumnType.arrayOf("int4", TypeFamily.INTEGER))
                .dimensions(2)
                .build());
    assertThat(types.get("moods"))
        .isEqualTo(
            ColumnType.builder()
                .from(ColumnType.enumOf("public.mood"))
                .isArray(true)
                .dimensions(1)
                .build());
    assertThat(types.get("ch").sqlName()).isEqualTo("bpchar");
  }

  @Test
  void lists_enum_labels_in_declaration_order() {
    assertThat(schema.enumTypes())
        .containsExactly(EnumType.of("public", "mood", List.of("sad", "ok", "happy")));
  }

  @Test
  void reads_nullability() {
    Map<String, Column> columns =
        table("shipping").columns().stream()
            .collect(Collectors.toMap(Column::name, Function.identity()));
    assertThat(columns.get("status").isNullable()).isFalse();
    assertThat(columns.get("kind").isNullable()).isTrue();
  }

  @Test
  void reads_composite_primary_and_foreign_keys() {
    assertThat(table("order_line").primaryKey()).containsExactly("order_id", "line_no");
    assertThat(table("shipment").foreignKeys())
        .containsExactly(
            ForeignKey.of(
                "shipment_order_id_line_no_fkey",
                List.of("order_id", "line_no"),
                TableName.of("public", "order_line"),
                List.of("order_id", "line_no")));
  }

  @Test
  void reads_self_references_and_cycles() {
    assertThat(table("employee").foreignKeys())
        .extracting(ForeignKey::target)
        .containsExactly(TableName.of("public", "employee"));
    assertThat(table("husband").foreignKeys())
        .extracting(ForeignKey::target)
        .containsExactly(TableName.of("public", "wife"));
    assertThat(table("wife").foreignKeys())
        .extracting(ForeignKey::target)
        .containsExactly(TableName.of("public", "husband"));
  }

  @Test
  void reads_unique_constraints_and_plain_unique_indexes_but_not_expression_indexes() {
    assertThat(table("user").uniqueKeys())
        .containsExactly(
            UniqueKey.of("user_email_key", List.of("email")),
            UniqueKey.of("user_nick_key", List.of("nick")));
    assertThat(table("user").primaryKey()).containsExactly("Id");
  }

  @Test
  void offers_check_lists_of_text_columns_as_enum_candidates() {
    assertThat(table("shipping").enumCandidates())
        .containsExactlyInAnyOrder(
            EnumCandidate.of("status", List.of("new", "paid", "it's shipped")),
            EnumCandidate.of("kind", List.of("a", "b")));
  }

  @Test
  void reports_tables_without_primary_key_with_an_empty_key() {
    assertThat(table("log_line").primaryKey()).isEmpty();
    assertThat(table("log_line").hasPrimaryKey()).isFalse();
  }

  @Test
  void keeps_identifiers_as_the_catalog_spells_them() {
    assertThat(table("Mixed Case").columns())
        .extracting(Column::name)
        .containsExactly("with space", "Value");
    assertThat(table("order").columns())
        .extracting(Column::name)
        .containsExactly("id", "select", "user");
  }
}
