package io.datomize.datomic.internal;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Datom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Values of an attribute that more than one entity holds, found in one pass over its value index,
 * where equal values sit next to each other: memory stays bounded whatever the attribute's size.
 */
final class Duplicates {
  private static final int MAX_REPORTED = 20;

  private Duplicates() {}

  /** Up to a few shared values, each with its entities; the attribute must have a value index. */
  static List<String> of(Database db, Keyword attribute) {
    List<String> found = new ArrayList<>();
    Datom previous = null;
    List<Object> sharing = new ArrayList<>();
    for (Datom datom : db.datoms(Database.AVET, attribute)) {
      if (previous != null && Objects.equals(previous.v(), datom.v())) {
        if (sharing.isEmpty()) {
          sharing.add(previous.e());
        }
        sharing.add(datom.e());
      } else {
        report(attribute, previous, sharing, found);
      }
      previous = datom;
      if (found.size() == MAX_REPORTED) {
        return found;
      }
    }
    report(attribute, previous, sharing, found);
    return found;
  }

  private static void report(
      Keyword attribute, Datom last, List<Object> sharing, List<String> found) {
    if (!sharing.isEmpty()) {
      found.add(attribute + " " + last.v() + " is held by entities " + sharing);
      sharing.clear();
    }
  }
}
