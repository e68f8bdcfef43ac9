package io.datomize.catalog;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A source table as the catalog describes it. Partitions are folded into their parent: {@link
 * #partitions()} names them, and only the parent is a table of the schema.
 */
@Value.Immutable
public abstract class Table {
  public abstract TableName name();

  /** Columns in their catalog order. */
  public abstract List<Column> columns();

  /** The primary key columns in key order; empty when the table has no primary key. */
  public abstract List<String> primaryKey();

  public abstract List<ForeignKey> foreignKeys();

  public abstract List<UniqueKey> uniqueKeys();

  public abstract List<EnumCandidate> enumCandidates();

  /** The table's comment ({@code COMMENT ON TABLE}). */
  public abstract Optional<String> comment();

  /** Names of the partitions folded into this table. */
  public abstract List<TableName> partitions();

  /**
   * The catalog's row estimate (may be stale or -1 when unknown); used only to estimate batches in
   * a plan.
   */
  @Value.Default
  public long estimatedRows() {
    return -1;
  }

  /**
   * Whether row-level security applies to the source's user on this table: its policies then hide
   * rows from every read and count, so a migration would lose them without a trace. A mapping of
   * such a table does not validate.
   */
  @Value.Default
  public boolean isRowSecurityActive() {
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Column> column(String columnName) {
    return columns().stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public boolean hasPrimaryKey() {
    return !primaryKey().isEmpty();
  }

  @Value.Check
  protected void check() {
    List<String> missing = primaryKey().stream().filter(c -> column(c).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "table " + name() + ": primary key columns " + missing + " are not columns of it");
    }
    for (ForeignKey fk : foreignKeys()) {
      List<String> unknown = fk.columns().stream().filter(c -> column(c).isEmpty()).toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "table " + name() + ": foreign key " + fk.name() + " names unknown columns " + unknown);
      }
    }
  }

  @Override
  public String toString() {
    return name().toString();
  }

  public static class Builder extends ImmutableTable.Builder {}
}
