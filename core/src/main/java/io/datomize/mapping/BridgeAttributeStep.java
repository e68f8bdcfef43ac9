package io.datomize.mapping;

import io.datomize.target.Attribute;

/** A bridge that still needs its attribute. */
public interface BridgeAttributeStep {
  /** The owner's cardinality-many ref: {@code .as("post", "tags")} for {@code :post/tags}. */
  BridgeOptionsStep as(String namespace, String name);

  BridgeOptionsStep as(Attribute attribute);
}
