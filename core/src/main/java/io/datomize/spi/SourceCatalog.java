package io.datomize.spi;

import io.datomize.catalog.SourceSchema;

/** Describes the source database: tables, keys, enum types. */
public interface SourceCatalog {
  /**
   * Reads the schema of the source.
   *
   * @throws SourceException when the catalog cannot be read
   */
  SourceSchema readSchema();
}
