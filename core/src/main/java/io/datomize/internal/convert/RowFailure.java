package io.datomize.internal.convert;

import io.datomize.report.RowError;
import io.datomize.spi.SourceRow;

/**
 * Why a value cannot be converted; caught by the converter and turned into a {@link RowError}.
 * Thrown only for bad rows, which may be many in a dirty table, so it carries no stack trace.
 */
final class RowFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String value;

  RowFailure(String column, String describedValue, String reason) {
    super(reason, null, false, false);
    this.column = column;
    this.value = describedValue;
  }

  static RowFailure of(String column, Object value, String reason) {
    return new RowFailure(column, SourceRow.describe(value), reason);
  }

  String column() {
    return column;
  }

  /** The value as {@link RowError#describe(Object)} gives it. */
  String value() {
    return value;
  }
}
