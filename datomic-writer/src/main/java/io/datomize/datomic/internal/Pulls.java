package io.datomize.datomic.internal;

import static io.datomize.datomic.internal.Keywords.DB_ID;
import static io.datomize.datomic.internal.Keywords.DB_IDENT;

import clojure.lang.Keyword;
import io.datomize.spi.PullSpec;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pull pattern made from a {@link PullSpec}, and the pulled maps turned back into core values:
 * refs to entities as lookup refs on the unique attribute the spec names (identity or unique key),
 * refs to enum idents as {@link io.datomize.target.EnumIdent}s, many values as sets, instants as
 * {@link Instant}s. A ref whose target has no such name comes back as its entity id.
 */
final class Pulls {
  private record Field(
      Attribute attribute, Keyword keyword, boolean many, boolean ref, Attribute targetIdentity) {}

  private final List<Field> fields;
  private final String pattern;

  Pulls(PullSpec spec, Function<Attribute, datomic.Attribute> schema) {
    this.fields =
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
                      Keywords.of(attribute),
                      Keywords.cardinality(installed.cardinality()) == Cardinality.MANY,
                      Keywords.of(ValueType.REF).equals(installed.valueType()),
                      target);
                })
            .toList();
    StringBuilder text = new StringBuilder("[");
    for (Field field : fields) {
      if (!field.ref) {
        text.append(field.keyword).append(' ');
      } else {
        Object name = field.targetIdentity == null ? DB_IDENT : Keywords.of(field.targetIdentity);
        text.append('{')
            .append(field.keyword)
            .append(" [")
            .append(DB_ID)
            .append(' ')
            .append(name)
            .append("]} ");
      }
    }
    this.pattern = text.append(']').toString();
  }

  String pattern() {
    return pattern;
  }

  /** The pulled values; {@code pulled} is null when the entity has none of the attributes. */
  Map<Attribute, Object> read(Map<?, ?> pulled) {
    Map<Attribute, Object> values = new LinkedHashMap<>();
    if (pulled == null) {
      return values;
    }
    for (Field field : fields) {
      Object value = pulled.get(field.keyword);
      if (value == null) {
        continue;
      }
      if (field.many) {
        Set<Object> many = new LinkedHashSet<>();
        for (Object element : (Collection<?>) value) {
          many.add(field.ref ? ref(field, (Map<?, ?>) element) : toCore(element));
        }
        values.put(field.attribute, many);
      } else {
        values.put(field.attribute, field.ref ? ref(field, (Map<?, ?>) value) : toCore(value));
      }
    }
    return values;
  }

  private static Object ref(Field field, Map<?, ?> target) {
    if (field.targetIdentity == null) {
      return target.get(DB_IDENT) instanceof Keyword ident
          ? Keywords.enumIdent(ident)
          : target.get(DB_ID);
    }
    Object identity = target.get(Keywords.of(field.targetIdentity));
    return identity == null
        ? target.get(DB_ID)
        : LookupRef.of(field.targetIdentity, toCore(identity));
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
