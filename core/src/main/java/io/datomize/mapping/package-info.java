/**
 * Mappings are written and resolved here: {@link io.datomize.mapping.Mappings} starts the staged
 * DSL (each step interface offers only the calls that may come next) or derives a mapping by {@link
 * io.datomize.mapping.Conventions}; the resolver fills in what conventions decide and the validator
 * reports every problem with its fix; the Java source printer turns a mapping back into DSL code.
 */
@ValueStyle
package io.datomize.mapping;

import io.datomize.internal.ValueStyle;
