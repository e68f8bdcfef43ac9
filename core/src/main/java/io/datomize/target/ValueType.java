package io.datomize.target;

/** Datomic value types, and the Java type Datomize uses for each in transaction data. */
public enum ValueType {
  LONG("long", Long.class),
  BIGINT("bigint", java.math.BigInteger.class),
  BIGDEC("bigdec", java.math.BigDecimal.class),
  DOUBLE("double", Double.class),
  FLOAT("float", Float.class),
  BOOLEAN("boolean", Boolean.class),
  STRING("string", String.class),
  KEYWORD("keyword", EnumIdent.class),
  /**
   * Represented by {@link java.time.Instant} in core; adapters convert to what their store wants.
   */
  INSTANT("instant", java.time.Instant.class),
  UUID("uuid", java.util.UUID.class),
  URI("uri", java.net.URI.class),
  BYTES("bytes", byte[].class),
  /** A reference: a {@link LookupRef} to another entity or an {@link EnumIdent}. */
  REF("ref", Object.class),
  /**
   * A heterogeneous tuple, see {@link AttributeSchema#tupleTypes()}; represented by {@link Tuple}.
   */
  TUPLE("tuple", Tuple.class);

  private final String datomicName;
  private final Class<?> javaType;

  ValueType(String datomicName, Class<?> javaType) {
    this.datomicName = datomicName;
    this.javaType = javaType;
  }

  /** The ident of the value type, e.g. {@code :db.type/long}. */
  public String ident() {
    return ":db.type/" + datomicName;
  }

  /** The Java type of values of this type in core transaction data. */
  public Class<?> javaType() {
    return javaType;
  }
}
