package io.datomize.datomic.internal;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Datom;
import io.datomize.spi.PullSpec;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads entities as a {@link PullSpec} asks, from the entity's datoms (a walk of the EAVT index is
 * several times cheaper than a pull of a pattern, which a sync does for every row), turned back
 * into core values: refs to entities as lookup refs on the unique attribute the spec names
 * (identity or unique key), refs to enum idents as {@link io.datomize.target.EnumIdent}s, many
 * values as sets, instants as {@link Instant}s. A ref whose target has no such name comes back as
 * its entity id.
 */
final class Pulls {
  private record Field(Attribute attribute, boolean many, boolean ref, Attribute targetIdentity) {}

  private static final int FEW = 2;

  private final Map<Long, Field> byId = new HashMap<>();

  /** The names of ref targets read so far: a bridge's few targets are read once per call. */
  private final Map<Object, Object> targets = new HashMap<>();

  Pulls(PullSpec spec, Function<Attribute, datomic.Attribute> schema) {
    List<Field> fields =
        spec.attributes().stream()
            .map(
                attribute -> {
                  datomic.Attribute installed = schema.apply(attribute);
                  Attribute target = spec.refIdentities().get(attribute);
                  if (target != null) {
                    schema.apply(target);
                  }
                  return new Field(
                      attribute,
                      Keywords.cardinality(installed.cardinality()) == Cardinality.MANY,
                      Keywords.of(ValueType.REF).equals(installed.valueType()),
                      target);
                })
            .toList();
    for (Field field : fields) {
      byId.put(((Number) schema.apply(field.attribute).id()).longValue(), field);
    }
  }

  /** The values of entity {@code entity} of {@code db}, from its datoms. */
  Map<Attribute, Object> read(Database db, Object entity) {
    Map<Attribute, Object> values = new LinkedHashMap<>();
    if (byId.size() <= FEW) {
      // a few attributes of a wide entity (a bridge's many ref): seek each instead of walking all
      for (Map.Entry<Long, Field> field : byId.entrySet()) {
        for (Datom datom : db.datoms(Database.EAVT, entity, field.getKey())) {
          add(db, field.getValue(), datom, values);
        }
      }
      return values;
    }
    for (Datom datom : db.datoms(Database.EAVT, entity)) {
      // the index gives attribute ids as Integer, the schema as Long
      Field field = byId.get(((Number) datom.a()).longValue());
      if (field != null) {
        add(db, field, datom, values);
      }
    }
    return values;
  }

  private void add(Database db, Field field, Datom datom, Map<Attribute, Object> values) {
    Object value = field.ref ? ref(db, field, datom.v()) : toCore(datom.v());
    if (field.many) {
      @SuppressWarnings("unchecked")
      Set<Object> many =
          (Set<Object>) values.computeIfAbsent(field.attribute, a -> new LinkedHashSet<>());
      many.add(value);
    } else {
      values.put(field.attribute, value);
    }
  }

  private Object ref(Database db, Field field, Object target) {
    return targets.computeIfAbsent(
        List.of(field.attribute, target),
        key -> {
          if (field.targetIdentity == null) {
            return db.ident(target) instanceof Keyword ident ? Keywords.enumIdent(ident) : target;
          }
          for (Datom name : db.datoms(Database.EAVT, target, Keywords.of(field.targetIdentity))) {
            return LookupRef.of(field.targetIdentity, toCore(name.v()));
          }
          return target;
        });
  }

  /** A value of a datom or a pull as core has it; a ref stays an entity id. */
  static Object toCore(Object value) {
    if (value instanceof Date date) {
      return Instant.ofEpochMilli(date.getTime());
    }
    if (value instanceof Keyword keyword) {
      return Keywords.enumIdent(keyword);
    }
    if (value instanceof List<?> tuple) {
      return Tuple.of(tuple.stream().map(Pulls::toCore).toArray());
    }
    return value;
  }
}
