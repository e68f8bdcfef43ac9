package io.datomize.catalog;

/**
 * The families of source SQL types that decide a default Datomic value type and the decoding of
 * values.
 */
public enum TypeFamily {
  /** smallint, integer, bigint, serial types. */
  INTEGER,
  /** numeric, decimal, and money (read as its amount). */
  NUMERIC,
  /** real (float4). */
  REAL,
  /** double precision (float8). */
  DOUBLE,
  BOOLEAN,
  /** text, varchar, char, citext, name. */
  TEXT,
  DATE,
  /** timestamp without time zone: interpreted in the mapping's zone. */
  TIMESTAMP,
  /** timestamp with time zone. */
  TIMESTAMPTZ,
  /** time, time with time zone. */
  TIME,
  INTERVAL,
  UUID,
  JSON,
  JSONB,
  BYTEA,
  /** A user-defined enum type; see {@link ColumnType#enumType()}. */
  ENUM,
  /** Anything else (inet, tsvector, geometric types, ...): read as text. */
  OTHER
}
