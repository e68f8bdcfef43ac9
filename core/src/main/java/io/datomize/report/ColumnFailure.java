package io.datomize.report;

import org.immutables.value.Value;

/**
 * Why one column of a row cannot be loaded: the column, its value as text and the reason with the
 * way out.
 */
@Value.Immutable
public abstract class ColumnFailure {
  @Value.Parameter
  public abstract String column();

  /** The value as {@link RowError#describe(Object)} gives it. */
  @Value.Parameter
  public abstract String value();

  @Value.Parameter
  public abstract String reason();

  public static ColumnFailure of(String column, String value, String reason) {
    return ImmutableColumnFailure.of(column, value, reason);
  }

  @Override
  public String toString() {
    return "column " + column() + ", value " + value() + ": " + reason();
  }
}
