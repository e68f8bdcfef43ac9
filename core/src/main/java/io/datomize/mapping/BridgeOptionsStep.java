package io.datomize.mapping;

/** Options of a bridge. */
public interface BridgeOptionsStep extends MappingStep {
  /** Other columns of the bridge, dropped deliberately (plans show them as a warning). */
  BridgeOptionsStep dropColumns(String... columns);

  BridgeOptionsStep doc(String doc);
}
