/**
 * The Datomic target of Datomize, on the Datomic Peer API: {@link
 * io.datomize.datomic.DatomicTarget} is the {@link io.datomize.spi.TargetSink} for any Datomic URI
 * ({@code datomic:dev://}, {@code datomic:sql://}, {@code datomic:ddb://}, {@code datomic:mem://});
 * {@link io.datomize.datomic.SchemaEdn} writes the schema a mapping needs as an EDN file to review
 * and version.
 */
package io.datomize.datomic;
