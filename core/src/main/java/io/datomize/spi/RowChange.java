package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One row inserted, updated or deleted. Rows are decoded as {@link RowSource#read} decodes them,
 * with every column of the table and the table's key columns (those its reads are ordered by,
 * {@link ContentKey} excepted) as key columns.
 */
@Value.Immutable
public abstract class RowChange {
  public enum Kind {
    INSERT,
    UPDATE,
    DELETE
  }

  public abstract Kind kind();

  public abstract TableName table();

  /** The row after an insert or update. */
  public abstract Optional<SourceRow> newRow();

  /**
   * The row before an update or delete, as the table's replica identity gives it: its key columns
   * (the others null), or every column under {@code REPLICA IDENTITY FULL}. Empty for an update
   * that did not change the key of a table whose identity is its key.
   */
  public abstract Optional<SourceRow> oldRow();

  /**
   * Columns of {@link #newRow()} that the update left unchanged and the source did not send (large
   * values stored out of line); they are null in the row and must be kept, not retracted.
   */
  public abstract Set<String> unchangedColumns();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableRowChange.Builder {}
}
