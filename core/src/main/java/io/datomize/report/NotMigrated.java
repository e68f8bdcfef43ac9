package io.datomize.report;

import io.datomize.catalog.TableName;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A source column, or a whole table, that a run leaves out by the mapping's choice, and why. */
@Value.Immutable
public abstract class NotMigrated {
  public abstract TableName table();

  /** Empty when the whole table is left out. */
  public abstract Optional<String> column();

  public abstract String reason();

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What {@code mapping} leaves out, by table and then column: skipped columns and tables, and the
   * columns dropped with a bridge collapsed into a cardinality-many ref.
   */
  public static List<NotMigrated> of(Mapping mapping) {
    List<NotMigrated> out = new ArrayList<>();
    for (EntityMapping entity : mapping.entities()) {
      entity
          .skippedColumns()
          .forEach(c -> out.add(column(entity.table(), c, "skipped by the mapping")));
    }
    for (BridgeMapping bridge : mapping.bridges()) {
      bridge
          .droppedColumns()
          .forEach(
              c ->
                  out.add(
                      column(
                          bridge.table(),
                          c,
                          bridge.dropReason(c)
                              + ", in the bridge collapsed into "
                              + bridge.attribute())));
    }
    mapping
        .skippedTables()
        .forEach(t -> out.add(builder().table(t).reason("table skipped by the mapping").build()));
    out.sort(Comparator.comparing(NotMigrated::table).thenComparing(n -> n.column().orElse("")));
    return out;
  }

  private static NotMigrated column(TableName table, String column, String reason) {
    return builder().table(table).column(column).reason(reason).build();
  }

  @Override
  public String toString() {
    return table() + column().map(c -> "." + c).orElse("") + ": " + reason();
  }

  public static class Builder extends ImmutableNotMigrated.Builder {}
}
