package io.datomize.catalog;

import java.util.Comparator;
import org.immutables.value.Value;

/**
 * A schema-qualified table name, e.g. {@code public.users}. Names are kept exactly as the catalog
 * spells them.
 */
@Value.Immutable
public abstract class TableName implements Comparable<TableName> {
  private static final Comparator<TableName> ORDER =
      Comparator.comparing(TableName::schema).thenComparing(TableName::name);

  /** The default schema of PostgreSQL. */
  public static final String DEFAULT_SCHEMA = "public";

  @Value.Parameter
  public abstract String schema();

  @Value.Parameter
  public abstract String name();

  public static TableName of(String schema, String name) {
    return ImmutableTableName.of(schema, name);
  }

  /** {@code "users"} means {@code public.users}; {@code "sales.orders"} names the schema. */
  public static TableName parse(String qualifiedName) {
    int dot = qualifiedName.indexOf('.');
    return dot < 0
        ? of(DEFAULT_SCHEMA, qualifiedName)
        : of(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
  }

  @Value.Check
  protected void check() {
    if (schema().isBlank() || name().isBlank()) {
      throw new IllegalArgumentException(
          "a table name needs a schema and a name, got '" + schema() + "." + name() + "'");
    }
  }

  @Override
  public int compareTo(TableName other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return schema() + "." + name();
  }
}
