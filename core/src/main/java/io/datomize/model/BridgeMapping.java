package io.datomize.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A bridge table collapsed into a cardinality-many ref on its owner: each bridge row {@code (owner key, target key)}
 * becomes one value of {@link #attribute()} ({@code post_tags} to {@code :post/tags}). Other columns of the bridge are
 * dropped only when listed in {@link #droppedColumns()}, an explicit choice that plans show as a warning.
 */
@Value.Immutable
public abstract class BridgeMapping {
  public abstract TableName table();

  /** The bridge columns that reference the owner. */
  public abstract List<String> ownerColumns();

  public abstract TableName owner();

  /** The bridge columns that reference the target. */
  public abstract List<String> targetColumns();

  public abstract TableName target();

  /** The cardinality-many ref attribute of the owner's entities. */
  public abstract Attribute attribute();

  public abstract List<String> droppedColumns();

  public abstract Optional<String> doc();

  public static Builder builder() {
    return new Builder();
  }

  public AttributeSchema schema() {
    return AttributeSchema.builder()
        .ident(attribute())
        .valueType(ValueType.REF)
        .cardinality(Cardinality.MANY)
        .doc(doc())
        .build();
  }

  @Override
  public String toString() {
    return table() + " -> " + attribute() + " (" + owner() + " to many " + target() + ")";
  }

  public static class Builder extends ImmutableBridgeMapping.Builder {}
}
