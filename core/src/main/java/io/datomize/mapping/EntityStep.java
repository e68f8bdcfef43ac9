package io.datomize.mapping;

/**
 * The columns of an entity. In {@link Mappings#define} every column must be mapped, referenced,
 * skipped or left to {@link #otherColumnsByConvention()}; {@link MappingStep#build()} reports any
 * column left out.
 */
public interface EntityStep extends MappingStep {
  /** Maps a column to an attribute. */
  ColumnStep column(String column);

  /**
   * Maps foreign key columns to a ref attribute; the target table and its referenced columns come
   * from the schema's foreign key on exactly these columns.
   */
  RefStep ref(String... foreignKeyColumns);

  /**
   * Makes a unique key of the table a {@code :db.unique/value} attribute {@code
   * <namespace>/<a>+<b>} holding copies of its values, so that foreign keys to it resolve by
   * lookup; conventions do this for every unique key that is not the identity or a unique column's
   * attribute.
   */
  EntityStep uniqueKey(String... columns);

  /** Columns deliberately not migrated. */
  EntityStep skip(String... columns);

  /** Maps every column not mentioned otherwise by {@link Conventions}. */
  EntityStep otherColumnsByConvention();
}
