package io.datomize.mapping;

import io.datomize.target.Attribute;

/** An entity whose identity attribute may still be named. */
public interface IdentityStep extends EntityStep {
  /**
   * Names the identity attribute in the entity's namespace: {@code .as("pg-id")} gives {@code
   * :user/pg-id}.
   */
  EntityStep as(String name);

  EntityStep as(Attribute attribute);
}
