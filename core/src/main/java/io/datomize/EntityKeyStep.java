package io.datomize;

/** An entity that still needs the key columns that identify it. */
public interface EntityKeyStep {
  /**
   * The key columns, usually the primary key. They become the unique-identity attribute that makes every load an
   * upsert; named {@code <namespace>/<column>} (composite: {@code <namespace>/<a>+<b>}) unless {@link IdentityStep#as}
   * names it.
   */
  IdentityStep identifiedBy(String... keyColumns);
}
