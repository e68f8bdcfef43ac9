package io.datomize.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowCursor;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import io.datomize.spi.UnreadableValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every value PostgreSQL prints for a catalog type is decoded, so a value that cannot be is
 * provoked here by declaring text columns as numerics (read from their text) or dates to the
 * decoder.
 */
class UndecodableValueTest {
  private static final TableName DAYS = TableName.of("public", "day_text");
  private static final PgColumn ID = column("id", TypeFamily.TEXT);

  private static TestDatabase db;

  @BeforeAll
  static void createTable() {
    db = EmbeddedPostgresServer.freshDatabase("undecodable");
    db.execute(
        "create table day_text (id text primary key, day text)",
        "insert into day_text values ('a', '29.5'), ('b', '29,5'), ('c', '1e3')");
  }

  private static PgColumn column(String name, TypeFamily family) {
    return new PgColumn(
        1,
        name,
        ColumnType.of(family.name().toLowerCase(), family),
        false,
        "pg_catalog",
        "text",
        null,
        null);
  }

  private static List<SourceRow> read(PgColumn id, PgColumn day) {
    ReadRequest request =
        ReadRequest.builder().table(DAYS).addColumns("id", "day").addKeyColumns("id").build();
    List<SourceRow> rows = new ArrayList<>();
    try (RowCursor cursor =
        new KeysetCursor(
            Connections.of(db.dataSource()),
            DSL.using(SQLDialect.POSTGRES),
            request,
            new PgRelation(DAYS, 'r', List.of(id, day)).rows(),
            DSL.noCondition(),
            List.of(new ColumnDecoder(id), new ColumnDecoder(day)),
            RetryPolicy.none(),
            new FetchSizes(),
            c -> {})) {
      cursor.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void a_value_that_cannot_be_decoded_stays_in_its_row_with_its_text_and_a_reason() {
    List<SourceRow> rows = read(ID, column("day", TypeFamily.NUMERIC));

    assertThat(rows).extracting(r -> r.get("id")).containsExactly("a", "b", "c");
    assertThat(rows.get(0).get("day")).isEqualTo(new BigDecimal("29.5"));
    assertThat(rows.get(2).get("day")).isEqualTo(new BigDecimal("1e3"));
    assertThat(rows.get(1).get("day"))
        .isInstanceOfSatisfying(
            UnreadableValue.class,
            u -> {
              assertThat(u.text()).isEqualTo("29,5");
              assertThat(u.reason())
                  .contains("cannot decode this numeric value")
                  .contains(
                      "cast the column to text in a view and read the view, or leave the column out");
            });
  }

  @Test
  void a_key_value_that_cannot_be_decoded_stops_the_read_naming_the_column_and_the_value() {
    assertThatThrownBy(() -> read(column("id", TypeFamily.DATE), column("day", TypeFamily.TEXT)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(
            "public.day_text: cannot read key column id of the row before the first row, 'a'");
  }
}
