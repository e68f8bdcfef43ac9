package io.datomize.mapping;

/** A table that still needs its entity namespace. */
public interface TableStep {
  /** The namespace of the entity's attributes, e.g. {@code "user"} for {@code :user/first-name}. */
  EntityKeyStep toEntity(String namespace);
}
