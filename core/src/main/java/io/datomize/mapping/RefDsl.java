package io.datomize.mapping;

import io.datomize.target.Attribute;
import java.util.Objects;

/** The attribute and options of one ref. */
final class RefDsl extends EntityDsl.Delegate implements RefStep, RefOptionsStep {
  private final MappingDraft.RefDraft draft;

  RefDsl(EntityDsl entity, MappingDraft.RefDraft draft) {
    super(entity);
    this.draft = draft;
  }

  @Override
  public RefOptionsStep to(String name) {
    draft.name = MappingDsl.named(name, "the ref attribute name of columns " + draft.columns);
    return this;
  }

  @Override
  public RefOptionsStep to(Attribute attribute) {
    draft.attribute = Objects.requireNonNull(attribute, "attribute");
    return this;
  }

  @Override
  public RefOptionsStep required() {
    draft.required = true;
    return this;
  }

  @Override
  public RefOptionsStep doc(String doc) {
    draft.doc = Objects.requireNonNull(doc, "doc");
    return this;
  }
}
