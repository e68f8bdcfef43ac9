package io.datomize.jdbc.internal;

import io.datomize.model.Column;
import io.datomize.model.ColumnType;

/**
 * A column as the reader needs it: its number in the table (attnum), the core's view of it, and the catalog type (schema and name of the base or
 * element type) that cursor values are cast back to when they are compared with the column.
 */
public record PgColumn(int number, String name, ColumnType type, boolean nullable, String typeSchema, String typeName) {
  public Column toColumn() {
    return Column.of(name, type, nullable);
  }
}
