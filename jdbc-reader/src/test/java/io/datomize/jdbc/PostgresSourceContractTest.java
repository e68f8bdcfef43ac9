package io.datomize.jdbc;

import io.datomize.catalog.Table;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.RowSource;
import io.datomize.spi.RowSourceContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSourceContractTest implements RowSourceContract {
  private static PostgresSource source;

  @BeforeAll
  static void createTables() throws SQLException {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("row_source_contract");
    try (Connection connection = db.dataSource().getConnection()) {
      DSLContext sql = DSL.using(connection, SQLDialect.POSTGRES);
      for (Table table : TABLES) {
        String columns =
            table.columns().stream()
                .map(
                    c ->
                        sql.render(DSL.name(c.name()))
                            + " "
                            + c.type().sqlName()
                            + (c.isNullable() ? "" : " not null"))
                .collect(Collectors.joining(", "));
        String key =
            table.primaryKey().stream()
                .map(c -> sql.render(DSL.name(c)))
                .collect(Collectors.joining(", "));
        sql.execute(
            "create table "
                + sql.render(DSL.name(table.name().schema(), table.name().name()))
                + " ("
                + columns
                + ", primary key ("
                + key
                + "))");
        for (Object[] row : ROWS.get(table.name())) {
          sql.insertInto(
                  DSL.table(DSL.name(table.name().schema(), table.name().name())),
                  table.columns().stream().map(c -> DSL.field(DSL.name(c.name()))).toList())
              .values(row)
              .execute();
        }
      }
    }
    source = PostgresSource.builder().dataSource(db.dataSource()).build();
  }

  @AfterAll
  static void closeSource() {
    source.close();
  }

  @Override
  public RowSource source() {
    return source;
  }
}
