package io.datomize.catalog;

import java.util.List;
import org.immutables.value.Value;

/** A PostgreSQL enum type with its labels in declaration order. */
@Value.Immutable
public abstract class EnumType {
  @Value.Parameter
  public abstract String schema();

  @Value.Parameter
  public abstract String name();

  @Value.Parameter
  public abstract List<String> labels();

  public static EnumType of(String schema, String name, List<String> labels) {
    return ImmutableEnumType.of(schema, name, labels);
  }

  /** {@code schema.name}, as {@link ColumnType#enumType()} refers to it. */
  public String qualifiedName() {
    return schema() + "." + name();
  }
}
