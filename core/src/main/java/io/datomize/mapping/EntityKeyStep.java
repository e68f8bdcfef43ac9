package io.datomize.mapping;

/** An entity that still needs the key columns that identify it. */
public interface EntityKeyStep {
  /**
   * The key columns, usually the primary key. They become the unique-identity attribute that makes
   * every load an upsert; named {@code <namespace>/<column>} (composite: {@code
   * <namespace>/<a>+<b>}) unless {@link IdentityStep#as} names it.
   */
  IdentityStep identifiedBy(String... keyColumns);

  /**
   * Identifies each row by its content, for a table without a key (a log): a hash of the row's
   * values and its occurrence among equal rows, so duplicate rows stay separate entities. The
   * identity is the tuple attribute {@code <namespace>/content-hash+occurrence} unless {@link
   * IdentityStep#as} names it.
   */
  IdentityStep identifiedByContent();
}
