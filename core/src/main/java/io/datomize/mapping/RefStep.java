package io.datomize.mapping;

import io.datomize.target.Attribute;

/** Foreign key columns that still need their ref attribute. */
public interface RefStep {
  /** A ref attribute in the entity's namespace: {@code .ref("company_id").to("company")}. */
  RefOptionsStep to(String name);

  RefOptionsStep to(Attribute attribute);
}
