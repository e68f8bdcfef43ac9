package io.datomize.mapping;

import io.datomize.model.Mapping;
import io.datomize.model.Naming;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The top level of a mapping: tables, bridges, skipped tables and options, then {@link #build()}.
 * Table and bridge steps end back here, so a mapping reads as one expression.
 */
public interface MappingStep {
  /**
   * Maps a table ({@code "users"}, or {@code "sales.orders"} outside {@code public}) to entities of
   * a namespace.
   */
  TableStep table(String table);

  /**
   * Maps each table as an entity entirely by {@link Conventions}, never as a bridge: the way to
   * keep a table that conventions would collapse into a bridge.
   */
  MappingStep entityByConvention(String... tables);

  /** Collapses a bridge table into a cardinality-many ref on its owner. */
  BridgeEndsStep bridge(String table);

  /** Tables deliberately not migrated. */
  MappingStep skipTable(String... tables);

  /** Skips every table of the schema that the mapping does not mention otherwise. */
  MappingStep skipOtherTables();

  /** The zone of {@code timestamp without time zone} and {@code date} values; UTC by default. */
  MappingStep zone(ZoneId zone);

  /** Makes every nullable column without a chosen null policy a validation problem. */
  MappingStep strictNulls();

  /** Loads NaN and infinite floating-point values instead of rejecting their rows. */
  MappingStep allowNonFiniteNumbers();

  /**
   * Loads {@code -infinity} and {@code infinity} in date and timestamp columns as these instants
   * (e.g. {@code Instant.parse("0001-01-01T00:00:00Z")} and {@code
   * Instant.parse("9999-12-31T23:59:59Z")}) instead of rejecting their rows.
   */
  MappingStep infinityAs(Instant negative, Instant positive);

  /** Drops null elements of arrays instead of rejecting their rows. */
  MappingStep dropNullArrayElements();

  /**
   * How {@link Conventions} name what the mapping does not name itself: {@link Naming#IDIOMATIC} by
   * default, {@link Naming#LITERAL} for the kebab-case table and column names of earlier versions.
   */
  MappingStep naming(Naming naming);

  /**
   * Resolves the mapping against the source schema and validates it.
   *
   * @throws MappingValidationException listing every problem found, each with its fix
   */
  Mapping build();
}
