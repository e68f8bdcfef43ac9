/** Implementation of the Datomic target. Not API: anything here may change without notice. */
package io.datomize.datomic.internal;
