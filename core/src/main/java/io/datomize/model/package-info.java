/**
 * Immutable values of Datomize: the source schema read from a catalog, Datomic names, the mapping between them,
 * and the transaction data a migration produces. None of these types knows JDBC, jOOQ or Datomic.
 */
@ValueStyle
package io.datomize.model;

import io.datomize.style.ValueStyle;
