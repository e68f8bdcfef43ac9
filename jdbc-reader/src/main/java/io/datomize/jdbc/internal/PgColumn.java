package io.datomize.jdbc.internal;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import java.util.Optional;

/**
 * A column as the reader needs it: its number in the table (attnum), the core's view of it, and the
 * catalog type (schema and name of the base or element type) that cursor values are cast back to
 * when they are compared with the column. {@code comment} and {@code defaultExpression} are null
 * when the column has none.
 */
public record PgColumn(
    int number,
    String name,
    ColumnType type,
    boolean nullable,
    String typeSchema,
    String typeName,
    String comment,
    String defaultExpression) {

  /** A column of a built-in type that the reader computes itself, such as a content key. */
  static PgColumn computed(String name, ColumnType type, String builtInTypeName) {
    return new PgColumn(0, name, type, false, "pg_catalog", builtInTypeName, null, null);
  }

  public Column toColumn(boolean indexed) {
    return Column.of(name, type, nullable)
        .with(Optional.ofNullable(comment), Optional.ofNullable(defaultExpression), indexed);
  }
}
