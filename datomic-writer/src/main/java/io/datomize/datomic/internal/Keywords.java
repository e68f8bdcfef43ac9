package io.datomize.datomic.internal;

import clojure.lang.Keyword;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Datomic keywords: the fixed ones as constants, and the names of core's attributes and enum idents
 * interned once, so that building transaction data never parses a keyword string.
 */
public final class Keywords {
  public static final Keyword DB_ADD = Keyword.intern("db", "add");
  public static final Keyword DB_RETRACT = Keyword.intern("db", "retract");
  public static final Keyword DB_RETRACT_ENTITY = Keyword.intern("db", "retractEntity");
  public static final Keyword DB_ID = Keyword.intern("db", "id");
  public static final Keyword DB_IDENT = Keyword.intern("db", "ident");
  public static final Keyword DB_VALUE_TYPE = Keyword.intern("db", "valueType");
  public static final Keyword DB_CARDINALITY = Keyword.intern("db", "cardinality");
  public static final Keyword DB_UNIQUE = Keyword.intern("db", "unique");
  public static final Keyword DB_IS_COMPONENT = Keyword.intern("db", "isComponent");
  public static final Keyword DB_NO_HISTORY = Keyword.intern("db", "noHistory");
  public static final Keyword DB_DOC = Keyword.intern("db", "doc");
  public static final Keyword DB_INDEX = Keyword.intern("db", "index");
  public static final Keyword DB_TUPLE_TYPES = Keyword.intern("db", "tupleTypes");

  public static final Keyword ANOMALY_CATEGORY = Keyword.intern("cognitect.anomalies", "category");
  public static final Keyword ANOMALY_MESSAGE = Keyword.intern("cognitect.anomalies", "message");
  public static final Keyword DB_ERROR = Keyword.intern("db", "error");
  public static final Keyword ERROR_DATOM = Keyword.intern("datom");
  public static final Keyword ERROR_TEMPIDS = Keyword.intern("tempids");

  private static final Map<Object, Keyword> NAMES = new ConcurrentHashMap<>();
  private static final Map<ValueType, Keyword> VALUE_TYPES = new EnumMap<>(ValueType.class);
  private static final Map<Cardinality, Keyword> CARDINALITIES = new EnumMap<>(Cardinality.class);
  private static final Map<Uniqueness, Keyword> UNIQUENESSES = new EnumMap<>(Uniqueness.class);

  static {
    for (ValueType type : ValueType.values()) {
      VALUE_TYPES.put(type, parse(type.ident()));
    }
    for (Cardinality cardinality : Cardinality.values()) {
      CARDINALITIES.put(cardinality, parse(cardinality.ident()));
    }
    for (Uniqueness uniqueness : Uniqueness.values()) {
      if (uniqueness != Uniqueness.NONE) {
        UNIQUENESSES.put(uniqueness, parse(uniqueness.ident()));
      }
    }
  }

  private Keywords() {}

  public static Keyword of(Attribute attribute) {
    Keyword keyword = NAMES.get(attribute);
    if (keyword == null) {
      keyword = Keyword.intern(attribute.namespace(), attribute.name());
      NAMES.putIfAbsent(attribute, keyword);
    }
    return keyword;
  }

  public static Keyword of(EnumIdent ident) {
    Keyword keyword = NAMES.get(ident);
    if (keyword == null) {
      keyword = Keyword.intern(ident.namespace(), ident.name());
      NAMES.putIfAbsent(ident, keyword);
    }
    return keyword;
  }

  public static EnumIdent enumIdent(Keyword keyword) {
    return EnumIdent.of(keyword.getNamespace(), keyword.getName());
  }

  public static Keyword of(ValueType type) {
    return VALUE_TYPES.get(type);
  }

  public static Keyword of(Cardinality cardinality) {
    return CARDINALITIES.get(cardinality);
  }

  public static Cardinality cardinality(Object keyword) {
    return CARDINALITIES.get(Cardinality.MANY).equals(keyword) ? Cardinality.MANY : Cardinality.ONE;
  }

  /** Null for {@link Uniqueness#NONE}. */
  public static Keyword of(Uniqueness uniqueness) {
    return UNIQUENESSES.get(uniqueness);
  }

  public static Uniqueness uniqueness(Object keyword) {
    for (Map.Entry<Uniqueness, Keyword> entry : UNIQUENESSES.entrySet()) {
      if (entry.getValue().equals(keyword)) {
        return entry.getKey();
      }
    }
    return Uniqueness.NONE;
  }

  private static Keyword parse(String ident) {
    int slash = ident.indexOf('/');
    return Keyword.intern(ident.substring(1, slash), ident.substring(slash + 1));
  }
}
