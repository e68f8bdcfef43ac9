package io.datomize.catalog;

import java.util.List;
import org.immutables.value.Value;

/**
 * A foreign key of a table: its columns reference the {@link #targetColumns()} of {@link
 * #target()}.
 */
@Value.Immutable
public abstract class ForeignKey {
  /** The constraint name. */
  public abstract String name();

  public abstract List<String> columns();

  public abstract TableName target();

  public abstract List<String> targetColumns();

  public static ForeignKey of(
      String name, List<String> columns, TableName target, List<String> targetColumns) {
    return builder()
        .name(name)
        .columns(columns)
        .target(target)
        .targetColumns(targetColumns)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (columns().isEmpty() || columns().size() != targetColumns().size()) {
      throw new IllegalArgumentException(
          "foreign key "
              + name()
              + ": columns "
              + columns()
              + " and referenced columns "
              + targetColumns()
              + " must be non-empty and of the same length");
    }
  }

  public static class Builder extends ImmutableForeignKey.Builder {}
}
