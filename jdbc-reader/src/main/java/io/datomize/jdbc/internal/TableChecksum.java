package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;

import io.datomize.spi.TableStats;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Counts a table's rows and sums a 64-bit hash (the first 16 hex digits of md5) of each row's text
 * form over the given columns, in SQL, modulo 2^64. Addition makes it independent of row order. It
 * detects a change of the source between two runs; it cannot be compared with anything computed on
 * the Datomic side, whose values have other forms.
 */
public final class TableChecksum {
  private TableChecksum() {}

  /** Over the rows of {@code relation} itself ({@link PgRelation#rows()}). */
  public static TableStats compute(
      Connection connection, PgRelation relation, List<String> columns) {
    DSLContext sql = DSL.using(connection, SQLDialect.POSTGRES);
    Field<Long> rowHash =
        field(
            "('x' || substr(md5(cast(row({0}) as text)), 1, 16))::bit(64)::bigint",
            Long.class, list(columns.stream().map(c -> field(name(c))).toList()));
    Record2<Long, BigDecimal> result =
        sql.select(count().coerce(Long.class), sum(rowHash)).from(relation.rows()).fetchSingle();
    BigDecimal checksum = result.value2() == null ? BigDecimal.ZERO : result.value2();
    return TableStats.of(relation.table(), result.value1(), checksum.toBigInteger().longValue());
  }
}
