package io.datomize.catalog;

import java.util.Optional;
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

  /**
   * The column's comment ({@code COMMENT ON COLUMN}); conventions make it the attribute's {@code
   * :db/doc}.
   */
  public abstract Optional<String> comment();

  /**
   * The SQL text of the column's default, e.g. {@code now()} or {@code
   * nextval('users_id_seq'::regclass)}.
   */
  public abstract Optional<String> defaultExpression();

  /**
   * Whether a single-column B-tree index covers exactly this column (unique or not); conventions
   * give its attribute {@code :db/index true}, so the lookups the index served keep an AVET index.
   */
  @Value.Default
  public boolean isIndexed() {
    return false;
  }

  /**
   * Whether the source's user may read the column: a privilege to select it or its table. A mapping
   * that reads a column that is not readable does not validate, so that a run does not stop at the
   * table after loading the tables before it.
   */
  @Value.Default
  public boolean isReadable() {
    return true;
  }

  public static Column of(String name, ColumnType type, boolean nullable) {
    return ImmutableColumn.of(name, type, nullable);
  }

  /** A copy with {@code comment}, {@code defaultExpression} and {@code isIndexed} set as given. */
  public Column with(
      Optional<String> comment, Optional<String> defaultExpression, boolean indexed) {
    return ImmutableColumn.builder()
        .from(this)
        .comment(comment)
        .defaultExpression(defaultExpression)
        .isIndexed(indexed)
        .build();
  }

  /** A copy that the source's user may, or may not, read. */
  public Column readable(boolean readable) {
    return ImmutableColumn.builder().from(this).isReadable(readable).build();
  }

  @Override
  public String toString() {
    return name() + " " + type() + (isNullable() ? "" : " not null");
  }
}
