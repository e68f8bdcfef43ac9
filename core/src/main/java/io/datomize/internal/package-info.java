/**
 * Not API: Datomize's implementation, public only for its own packages and modules; anything here
 * may change in any release. {@link io.datomize.internal.ValueStyle} is the shared Immutables style
 * of the value packages.
 */
package io.datomize.internal;
