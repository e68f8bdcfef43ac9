package io.datomize.model;

import org.immutables.value.Value;

/** A column of a source table. */
@Value.Immutable
public abstract class Column {
  @Value.Parameter
  public abstract String name();

  @Value.Parameter
  public abstract ColumnType type();

  @Value.Parameter
  public abstract boolean isNullable();

  public static Column of(String name, ColumnType type, boolean nullable) {
    return ImmutableColumn.of(name, type, nullable);
  }

  @Override
  public String toString() {
    return name() + " " + type() + (isNullable() ? "" : " not null");
  }
}
