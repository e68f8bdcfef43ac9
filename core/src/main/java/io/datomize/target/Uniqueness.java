package io.datomize.target;

/**
 * Datomic attribute uniqueness: none, {@code :db.unique/identity} (upserts) or {@code
 * :db.unique/value}.
 */
public enum Uniqueness {
  NONE,
  IDENTITY,
  VALUE;

  public String ident() {
    return this == NONE ? "" : ":db.unique/" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
