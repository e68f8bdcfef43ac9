package io.datomize.testing;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.AttributeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import io.datomize.target.ValueType;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Terse builders of source tables and entity mappings for tests, on the model's own builders. */
public final class Fixtures {
  private Fixtures() {}

  public static TableName name(String table) {
    return TableName.parse(table);
  }

  public static Column column(String name, TypeFamily family, boolean nullable) {
    return Column.of(name, ColumnType.of(family.name().toLowerCase(Locale.ROOT), family), nullable);
  }

  /** A table with bigint key columns, other bigint columns, and foreign keys on some of them. */
  public static Table.Builder table(
      String name, List<String> key, List<String> otherColumns, ForeignKey... fks) {
    Table.Builder table = Table.builder().name(name(name)).primaryKey(key);
    key.forEach(c -> table.addColumns(column(c, TypeFamily.INTEGER, false)));
    otherColumns.forEach(c -> table.addColumns(column(c, TypeFamily.INTEGER, true)));
    return table.addForeignKeys(fks);
  }

  public static ForeignKey fk(
      String name, List<String> columns, String target, List<String> targetColumns) {
    return ForeignKey.of(name, columns, name(target), targetColumns);
  }

  /**
   * An entity of namespace {@code namespace} identified by {@code :namespace/id} over long key
   * columns.
   */
  public static EntityMapping.Builder entity(String table, String namespace, List<String> key) {
    return EntityMapping.builder()
        .table(name(table))
        .namespace(namespace)
        .identity(
            IdentityMapping.builder()
                .attribute(Attribute.of(namespace, "id"))
                .columns(key)
                .valueTypes(Collections.nCopies(key.size(), ValueType.LONG))
                .build());
  }

  public static RefMapping ref(
      String attribute, List<String> columns, String target, List<String> targetColumns) {
    return RefMapping.builder()
        .attribute(Attribute.parse(attribute))
        .columns(columns)
        .target(name(target))
        .targetColumns(targetColumns)
        .nullPolicy(NullPolicy.omit())
        .build();
  }

  public static AttributeMapping.Builder attribute(
      String column, String attribute, ValueType type) {
    return AttributeMapping.builder()
        .column(column)
        .attribute(Attribute.parse(attribute))
        .valueType(type);
  }
}
