package io.datomize.target;

/** Datomic attribute cardinality. */
public enum Cardinality {
  ONE,
  MANY;

  public String ident() {
    return ":db.cardinality/" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
