package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.spi.ContentKey;
import java.util.List;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** A table or view to read: its kind (pg_class.relkind) and its columns in catalog order. */
public record PgRelation(TableName table, char kind, List<PgColumn> columns) {
  /** The content key's columns, as the reader computes them. */
  public static final List<PgColumn> CONTENT_KEY =
      List.of(
          PgColumn.computed(ContentKey.HASH, ColumnType.of("text", TypeFamily.TEXT), "text"),
          PgColumn.computed(
              ContentKey.OCCURRENCE, ColumnType.of("int8", TypeFamily.INTEGER), "int8"));

  public PgRelation {
    columns = List.copyOf(columns);
  }

  /**
   * The rows of this relation itself. A plain table is read {@code ONLY}, without the rows of the
   * tables that inherit from it, which are tables of their own; a partitioned table holds its rows
   * in its partitions, so it is read whole.
   */
  public Table<?> rows() {
    Table<?> plain = DSL.table(name(table.schema(), table.name()));
    return kind == 'r' ? DSL.table("only {0}", plain) : plain;
  }

  /**
   * {@link #rows()} with the {@link ContentKey} columns: the md5 of each row's text form over all
   * its columns, and its number among the rows of equal hash in the order of that text. Rows of
   * equal text are alike in every column, so whichever of them gets which number, every read gives
   * the same keys to the same multiset of rows. The text form depends on the session settings
   * {@link ReadSession} fixes.
   */
  public Table<?> rowsWithContentKey() {
    Name row = name("datomize:row");
    Field<String> text = field("cast(row({0}.*) as text)", String.class, row);
    return DSL.table(
            "(select {0}.*, md5({1}) as {2}, row_number() over (partition by md5({1}) order by {1}) as {3}"
                + " from {4} as {0})",
            row, text, name(ContentKey.HASH), name(ContentKey.OCCURRENCE), rows())
        .as("datomize:rows");
  }
}
