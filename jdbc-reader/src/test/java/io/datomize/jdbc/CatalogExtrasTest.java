package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Comments, defaults, single-column indexes and array dimensions, as the catalog gives them. */
class CatalogExtrasTest {
  private static SourceSchema schema;

  @BeforeAll
  static void createSchema() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("extras");
    db.execute(
        "create domain id_list as integer[]",
        """
        create table product (
          id integer primary key,
          code text not null,
          name text,
          price numeric default 0,
          created_at timestamptz not null default now(),
          doubled integer generated always as (category * 2) stored,
          tags text[],
          grid integer[][],
          cube integer[][][],
          related id_list,
          category integer,
          lower_name text,
          positive integer,
          hashed integer,
          first_of_pair integer,
          second_of_pair integer,
          covered integer
        )""",
        "comment on table product is E'Products we sell.\\nSecond line: ünïcödé ✓ 商品'",
        "comment on column product.name is E'Der Name — mehrzeilig\\nzweite Zeile'",
        "create unique index on product (code)",
        "create index on product (category)",
        "create index on product (lower(lower_name))",
        "create index on product (positive) where positive > 0",
        "create index on product using hash (hashed)",
        "create index on product (first_of_pair, second_of_pair)",
        "create index on product (covered) include (name)",
        "create table plain (id integer)");
    schema = PostgresSource.builder().dataSource(db.dataSource()).build().readSchema();
  }

  private static Column column(String name) {
    return schema.table("public.product").column(name).orElseThrow();
  }

  @Test
  void reads_table_and_column_comments_across_lines_and_scripts() {
    assertThat(schema.table("public.product").comment())
        .contains("Products we sell.\nSecond line: ünïcödé ✓ 商品");
    assertThat(column("name").comment()).contains("Der Name — mehrzeilig\nzweite Zeile");
    assertThat(column("code").comment()).isEmpty();
    assertThat(schema.table("public.plain").comment()).isEmpty();
  }

  @Test
  void reads_defaults_as_sql_text_but_not_generation_expressions() {
    assertThat(column("price").defaultExpression()).contains("0");
    assertThat(column("created_at").defaultExpression()).contains("now()");
    assertThat(column("doubled").defaultExpression()).isEmpty();
    assertThat(column("id").defaultExpression()).isEmpty();
  }

  @Test
  void marks_columns_that_alone_form_the_key_of_a_btree_index() {
    Table product = schema.table("public.product");
    assertThat(product.columns())
        .filteredOn(Column::isIndexed)
        .extracting(Column::name)
        .containsExactlyInAnyOrder("id", "code", "category", "covered");
  }

  @Test
  void reads_declared_array_dimensions_and_at_least_one_for_any_array() {
    assertThat(column("tags").type().dimensions()).isEqualTo(1);
    assertThat(column("grid").type().dimensions()).isEqualTo(2);
    assertThat(column("cube").type().dimensions()).isEqualTo(3);
    assertThat(column("related").type().isArray()).isTrue();
    assertThat(column("related").type().dimensions()).isEqualTo(1);
    assertThat(column("code").type().dimensions()).isZero();
  }
}
