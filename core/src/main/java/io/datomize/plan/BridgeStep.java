package io.datomize.plan;

import io.datomize.catalog.TableName;
import io.datomize.model.BridgeMapping;
import java.util.List;
import java.util.Objects;

/**
 * Collapses a bridge table into a cardinality-many ref on its owner. The planner lists the bridge's
 * {@linkplain BridgeMapping#ownerColumns() owner} and {@linkplain BridgeMapping#targetColumns()
 * target} columns in the order of the owner's and target's identity columns, so each row maps to
 * lookup refs position by position.
 */
public record BridgeStep(
    BridgeMapping bridge, List<String> keyColumns, List<String> columns, long estimatedRows)
    implements RowStep {
  public BridgeStep {
    Objects.requireNonNull(bridge, "bridge");
    keyColumns = List.copyOf(keyColumns);
    columns = List.copyOf(columns);
  }

  public TableName table() {
    return bridge.table();
  }

  @Override
  public String id() {
    return "bridge " + bridge.table();
  }
}
