package io.datomize.mapping;

/** A bridge table that still needs its target side. */
public interface BridgeTargetStep {
  /** The bridge's foreign key columns that reference the target. */
  BridgeAttributeStep to(String... targetColumns);
}
