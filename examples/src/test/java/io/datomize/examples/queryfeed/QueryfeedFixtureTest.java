package io.datomize.examples.queryfeed;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.fixtures.Queryfeed;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.model.Mapping;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's tests describe Queryfeed without a database ({@code io.datomize.fixtures.Queryfeed}, in
 * core's test-jar); the example generates the database and maps it with {@link QueryfeedMapping}.
 * The two cannot be one class (core's tests cannot see examples, and the runner ships no test
 * code), so this test keeps them describing the same thing: the fixture's tables, keys, column
 * names and types (fewer columns than the database has) are the database's, and the users mapping
 * the README shows is the one core's tests pin.
 */
class QueryfeedFixtureTest {
  private static SourceSchema generated;

  @BeforeAll
  static void generate() {
    var database = EmbeddedPostgresServer.shared().createDatabase("queryfeed_fixture");
    QueryfeedDatabase.create(database, 1_000);
    generated = PostgresSource.builder().dataSource(database).build().readSchema();
  }

  @Test
  void core_fixture_is_a_part_of_the_generated_database_with_its_tables_and_keys() {
    assertThat(generated.tables())
        .extracting(Table::name)
        .containsExactlyInAnyOrderElementsOf(
            Queryfeed.schema().tables().stream().map(Table::name).toList());
    for (Table fixture : Queryfeed.schema().tables()) {
      Table real = generated.findTable(fixture.name()).orElseThrow();
      // the fixture leaves out columns its tests do not need, and makes some nullable that the
      // database does not, so
      // that every null policy of the DSL has a column; names and types are the database's
      assertThat(shape(real)).as("columns of %s", fixture.name()).containsAll(shape(fixture));
      assertThat(real.primaryKey())
          .as("primary key of %s", fixture.name())
          .isEqualTo(fixture.primaryKey());
      assertThat(real.foreignKeys())
          .as("foreign keys of %s", fixture.name())
          .containsExactlyInAnyOrderElementsOf(fixture.foreignKeys());
    }
  }

  @Test
  void the_users_mapping_the_readme_shows_is_the_one_core_tests() {
    Mapping example = QueryfeedMapping.mapping(generated);
    Mapping core = Queryfeed.mapping();

    assertThat(example.entity(Queryfeed.USERS)).isEqualTo(core.entity(Queryfeed.USERS));
  }

  private static List<String> shape(Table table) {
    return table.columns().stream().map(c -> c.name() + " " + c.type().family()).sorted().toList();
  }
}
