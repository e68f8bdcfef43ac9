package io.datomize.mapping;

/** Options of a ref; a null reference is omitted unless {@link #required()}. */
public interface RefOptionsStep extends EntityStep {
  /** A null reference is a row error. */
  RefOptionsStep required();

  RefOptionsStep doc(String doc);
}
