package io.datomize.report;

import io.datomize.catalog.TableName;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Why one source row cannot be loaded, naming the table, the row's key, the column and the value. A
 * row with several bad columns names all of them: the first in {@link #column()}, {@link #value()}
 * and {@link #reason()}, the others in {@link #otherFailures()}.
 */
@Value.Immutable
public abstract class RowError {
  /** Values longer than this are cut in messages and reject files. */
  public static final int MAX_VALUE_LENGTH = SourceRow.MAX_DESCRIBED_LENGTH;

  public abstract TableName table();

  public abstract RowKey key();

  /** The key's column names, to print {@code id=42}. */
  public abstract java.util.List<String> keyColumns();

  public abstract Optional<String> column();

  /** The offending value as text, cut to {@link #MAX_VALUE_LENGTH} characters. */
  public abstract Optional<String> value();

  public abstract String reason();

  /** The row's other bad columns, after the one that {@link #column()} names; usually none. */
  public abstract List<ColumnFailure> otherFailures();

  /**
   * Every bad column of the row, the first included; empty when the error names no column (a
   * refused row).
   */
  public List<ColumnFailure> failures() {
    if (column().isEmpty()) {
      return otherFailures();
    }
    List<ColumnFailure> all = new ArrayList<>(1 + otherFailures().size());
    all.add(ColumnFailure.of(column().get(), value().orElse("null"), reason()));
    all.addAll(otherFailures());
    return all;
  }

  /**
   * An error naming every one of {@code failures} (at least one), the first as its column, value
   * and reason.
   */
  public static RowError of(
      TableName table, RowKey key, List<String> keyColumns, List<ColumnFailure> failures) {
    ColumnFailure first = failures.get(0);
    return builder()
        .table(table)
        .key(key)
        .keyColumns(keyColumns)
        .column(first.column())
        .value(first.value())
        .reason(first.reason())
        .otherFailures(failures.subList(1, failures.size()))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * E.g. {@code public.users (id=42) column source, value 'myspace': unknown enum value ...};
   * further bad columns follow, each as {@code ; column .., value ..: ..}.
   */
  public String message() {
    StringBuilder out =
        new StringBuilder().append(table()).append(" (").append(key().describe(keyColumns()));
    out.append(')');
    column().ifPresent(c -> out.append(" column ").append(c));
    value().ifPresent(v -> out.append(", value ").append(v));
    out.append(": ").append(reason());
    otherFailures().forEach(f -> out.append("; ").append(f));
    return out.toString();
  }

  @Override
  public String toString() {
    return message();
  }

  public static class Builder extends ImmutableRowError.Builder {}
}
