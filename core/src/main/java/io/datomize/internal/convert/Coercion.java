package io.datomize.internal.convert;

/** Turns one non-null source value into a value for the target, or throws a {@link RowFailure}. */
@FunctionalInterface
interface Coercion {
  Object apply(Object value);
}
