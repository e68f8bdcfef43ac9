/**
 * The shared Immutables style of Datomize's value packages. Not API: nothing here is meant for users.
 */
package io.datomize.style;
