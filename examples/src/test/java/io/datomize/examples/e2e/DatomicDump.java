package io.datomize.examples.e2e;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Datom;
import datomic.Peer;
import io.datomize.target.Attribute;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every datom of the entities that have one of the given identity attributes, as sorted text in
 * which entities and ref values are named by their identity: two databases with equal dumps hold
 * the same data, whatever their entity ids.
 */
public final class DatomicDump {
  private static final Keyword REF = Keyword.intern("db.type", "ref");

  private DatomicDump() {}

  public static SortedSet<String> of(String uri, Collection<Attribute> identities) {
    Database db = Peer.connect(uri).db();
    Map<Object, String> names = new HashMap<>();
    for (Attribute identity : identities) {
      for (Datom datom :
          db.datoms(Database.AEVT, Keyword.intern(identity.namespace(), identity.name()))) {
        names.put(datom.e(), identity + "=" + datom.v());
      }
    }
    SortedSet<String> dump = new TreeSet<>();
    for (Map.Entry<Object, String> entity : names.entrySet()) {
      for (Datom datom : db.datoms(Database.EAVT, entity.getKey())) {
        Object attribute = db.ident(datom.a());
        Object value = datom.v();
        if (REF.equals(db.attribute(datom.a()).valueType())) {
          value = names.getOrDefault(value, String.valueOf(db.ident(value)));
        } else if (value instanceof byte[] bytes) {
          value = java.util.Arrays.toString(bytes);
        }
        dump.add(entity.getValue() + " " + attribute + " " + value);
      }
    }
    return dump;
  }
}
