package io.datomize.mapping;

import io.datomize.target.Attribute;
import java.util.Objects;

/** The ends, attribute and options of one bridge. */
final class BridgeDsl extends MappingDsl.Delegate
    implements BridgeEndsStep, BridgeTargetStep, BridgeAttributeStep, BridgeOptionsStep {
  private final MappingDraft.BridgeDraft draft;

  BridgeDsl(MappingDsl mapping, MappingDraft.BridgeDraft draft) {
    super(mapping);
    this.draft = draft;
  }

  @Override
  public BridgeTargetStep from(String... ownerColumns) {
    draft.ownerColumns = MappingDsl.names(ownerColumns, "owner column of bridge " + draft.table);
    return this;
  }

  @Override
  public BridgeAttributeStep to(String... targetColumns) {
    draft.targetColumns = MappingDsl.names(targetColumns, "target column of bridge " + draft.table);
    return this;
  }

  @Override
  public BridgeOptionsStep as(String namespace, String name) {
    draft.namespace =
        MappingDsl.named(namespace, "the attribute namespace of bridge " + draft.table);
    draft.name = MappingDsl.named(name, "the attribute name of bridge " + draft.table);
    return this;
  }

  @Override
  public BridgeOptionsStep as(Attribute attribute) {
    draft.attribute = Objects.requireNonNull(attribute, "attribute");
    return this;
  }

  @Override
  public BridgeOptionsStep dropColumns(String... columns) {
    draft.dropped.addAll(MappingDsl.names(columns, "column of bridge " + draft.table + " to drop"));
    return this;
  }

  @Override
  public BridgeOptionsStep doc(String doc) {
    draft.doc = Objects.requireNonNull(doc, "doc");
    return this;
  }
}
