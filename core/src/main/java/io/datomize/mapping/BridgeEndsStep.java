package io.datomize.mapping;

/** A bridge table that still needs its owner side. */
public interface BridgeEndsStep {
  /**
   * The bridge's foreign key columns that reference the owner, whose entities get the
   * cardinality-many ref.
   */
  BridgeTargetStep from(String... ownerColumns);
}
