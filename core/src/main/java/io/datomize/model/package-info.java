/**
 * The mapping, as immutable values: how tables become entities (identity, attributes, refs, unique
 * keys), bridges become cardinality-many refs, columns convert and nulls are handled, and the
 * options of a whole mapping. Built by the DSL in {@link io.datomize.mapping}; none of these types
 * knows JDBC, jOOQ or Datomic.
 */
@ValueStyle
package io.datomize.model;

import io.datomize.internal.ValueStyle;
