package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TypeFamily;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The types of a database (pg_type), resolved to what a column holds: domains to their base, arrays
 * to elements.
 */
final class PgTypes {
  private static final Field<Long> OID = field(name("t", "oid"), Long.class);
  private static final Field<String> SCHEMA = field(name("n", "nspname"), String.class);
  private static final Field<String> NAME = field(name("t", "typname"), String.class);
  private static final Field<String> KIND = field(name("t", "typtype"), String.class);
  private static final Field<Long> BASE = field(name("t", "typbasetype"), Long.class);
  private static final Field<Long> ELEMENT = field(name("t", "typelem"), Long.class);
  private static final Field<String> CATEGORY = field(name("t", "typcategory"), String.class);
  private static final Field<Integer> TYPMOD = field(name("t", "typtypmod"), Integer.class);

  private record PgType(
      String schema, String name, char kind, long base, long element, char category, int typmod) {}

  private final Map<Long, PgType> types = new HashMap<>();

  PgTypes(DSLContext sql) {
    for (Record r :
        sql.select(OID, SCHEMA, NAME, KIND, BASE, ELEMENT, CATEGORY, TYPMOD)
            .from(table(name("pg_catalog", "pg_type")).as("t"))
            .join(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "oid")).eq(field(name("t", "typnamespace"))))
            .fetch()) {
      types.put(
          r.get(OID),
          new PgType(
              r.get(SCHEMA),
              r.get(NAME),
              r.get(KIND).charAt(0),
              r.get(BASE),
              r.get(ELEMENT),
              r.get(CATEGORY).charAt(0),
              r.get(TYPMOD)));
    }
  }

  /**
   * The column of type {@code oid} with modifier {@code typmod} (-1 when none) and declared array
   * dimensions {@code attndims}, which PostgreSQL often leaves at 0 for an array (always for one
   * declared through a domain).
   */
  PgColumn column(
      int number,
      String columnName,
      long oid,
      int typmod,
      int attndims,
      boolean nullable,
      String comment,
      String defaultExpression) {
    PgType type = domainBase(oid);
    int modifier = typmod >= 0 ? typmod : domainTypmod(oid);
    boolean array = type.category() == 'A' && type.element() != 0;
    if (array) {
      type = domainBase(type.element());
    }
    TypeFamily family = family(type);
    ColumnType.Builder columnType =
        ColumnType.builder()
            .sqlName(type.name())
            .family(family)
            .isArray(array)
            .dimensions(array ? Math.max(1, attndims) : 0);
    if (family == TypeFamily.ENUM) {
      columnType.enumType(type.schema() + "." + type.name());
    }
    if (family == TypeFamily.NUMERIC && modifier >= 4) {
      columnType.precision(((modifier - 4) >> 16) & 0xffff).scale((modifier - 4) & 0xffff);
    }
    return new PgColumn(
        number,
        columnName,
        columnType.build(),
        nullable,
        type.schema(),
        type.name(),
        comment,
        defaultExpression);
  }

  private PgType domainBase(long oid) {
    PgType type = type(oid);
    while (type.kind() == 'd') {
      type = type(type.base());
    }
    return type;
  }

  /** A domain may carry the modifier itself ({@code CREATE DOMAIN price AS numeric(7,2)}). */
  private int domainTypmod(long oid) {
    PgType type = type(oid);
    while (type.kind() == 'd') {
      if (type.typmod() >= 0) {
        return type.typmod();
      }
      type = type(type.base());
    }
    return -1;
  }

  private PgType type(long oid) {
    PgType type = types.get(oid);
    if (type == null) {
      throw new IllegalStateException(
          "type oid " + oid + " is not in pg_type; was it dropped while reading?");
    }
    return type;
  }

  private static TypeFamily family(PgType type) {
    if (type.kind() == 'e') {
      return TypeFamily.ENUM;
    }
    if (type.name().equals("citext")) {
      return TypeFamily.TEXT;
    }
    if (!type.schema().equals("pg_catalog")) {
      return TypeFamily.OTHER;
    }
    return switch (type.name()) {
      case "int2", "int4", "int8" -> TypeFamily.INTEGER;
      // a fixed-point amount: read as numeric, so it loads as a decimal, not as locale text
      case "numeric", "money" -> TypeFamily.NUMERIC;
      case "float4" -> TypeFamily.REAL;
      case "float8" -> TypeFamily.DOUBLE;
      case "bool" -> TypeFamily.BOOLEAN;
      case "text", "varchar", "bpchar", "name", "char" -> TypeFamily.TEXT;
      case "date" -> TypeFamily.DATE;
      case "timestamp" -> TypeFamily.TIMESTAMP;
      case "timestamptz" -> TypeFamily.TIMESTAMPTZ;
      case "time", "timetz" -> TypeFamily.TIME;
      case "interval" -> TypeFamily.INTERVAL;
      case "uuid" -> TypeFamily.UUID;
      case "json" -> TypeFamily.JSON;
      case "jsonb" -> TypeFamily.JSONB;
      case "bytea" -> TypeFamily.BYTEA;
      default -> TypeFamily.OTHER;
    };
  }
}
