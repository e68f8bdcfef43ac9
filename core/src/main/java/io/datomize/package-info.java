/**
 * Datomize's entry point, {@link io.datomize.Migration}: from a source and a mapping to a plan,
 * then into a target to run, rehearse, resume or verify. Mappings start at {@link
 * io.datomize.mapping.Mappings}.
 */
package io.datomize;
