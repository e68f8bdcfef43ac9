/**
 * Datomic names and schema values: attributes and their definitions, enum idents, value types,
 * tuples, lookup refs, and the target schema a mapping needs. Nothing here knows the Datomic
 * library.
 */
@ValueStyle
package io.datomize.target;

import io.datomize.internal.ValueStyle;
