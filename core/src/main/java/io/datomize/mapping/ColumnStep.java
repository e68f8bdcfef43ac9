package io.datomize.mapping;

import io.datomize.target.Attribute;

/** A column that still needs its target. */
public interface ColumnStep {
  /** An attribute in the entity's namespace: {@code .to("first-name")}. */
  ColumnOptionsStep to(String name);

  ColumnOptionsStep to(Attribute attribute);

  /**
   * Enum idents in {@code enumNamespace}: {@code .toEnum("user.source")} maps {@code 'facebook'} to
   * {@code :user.source/facebook}. Without {@link EnumStep#value} calls the values come from the
   * PostgreSQL enum type or the column's CHECK list, named by {@link Conventions#enumIdentName};
   * with them, they are the complete list.
   */
  EnumStep toEnum(String enumNamespace);
}
