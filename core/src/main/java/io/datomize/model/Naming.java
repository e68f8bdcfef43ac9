package io.datomize.model;

/**
 * How conventions name namespaces, attributes and enum idents; see {@code
 * io.datomize.mapping.Conventions}.
 */
public enum Naming {
  /**
   * Names as a Datomic user writes them by hand, the default: singular namespaces ({@code
   * order_details} gives {@code order-detail}), a column prefix repeating the table's name dropped
   * ({@code categories.category_name} gives {@code :category/name}), cardinality-many bridge
   * attributes in the plural, letters outside ASCII kept.
   */
  IDIOMATIC,
  /**
   * The names of Datomize before {@link #IDIOMATIC}: namespaces and attributes are the kebab-case
   * table and column names ({@code :order-details/category-name}), ASCII letters and digits only.
   */
  LITERAL
}
