package io.datomize.datomic.internal;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Datom;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The entity ids a bulk load made, by unique attribute and value, so that refs go to entity ids
 * instead of lookup refs (which need the uniqueness a bulk load adds only at its end). Long values,
 * most keys, sit in open-addressing tables of primitive longs without boxing; other values in
 * parallel arrays of keys and primitive ids. An attribute's table is filled from the database the
 * first time it is asked for, so a resumed load finds what the first attempt made.
 */
final class EntityIds {
  private static final long MISSING = Long.MIN_VALUE;

  private static final int MAX_SHARED = 20;

  private final Map<Keyword, Table> tables = new HashMap<>();
  private final List<String> shared = new ArrayList<>();
  private long sharedCount;

  /** Notes a new entity whose unique value the load already made for another row. */
  synchronized void shared(Keyword attribute, Object value) {
    sharedCount++;
    if (shared.size() < MAX_SHARED) {
      shared.add(attribute + " " + value + " is the value of more than one row");
    }
  }

  /** The values noted by {@link #shared}, a few of them named. */
  synchronized List<String> shared() {
    if (sharedCount > shared.size()) {
      List<String> all = new ArrayList<>(shared);
      all.add("and " + (sharedCount - shared.size()) + " more");
      return all;
    }
    return List.copyOf(shared);
  }

  /** The entity holding {@code value} of {@code attribute}, or null when none is known. */
  synchronized Long get(Keyword attribute, Object value, Supplier<Database> db) {
    long id = table(attribute, db).get(value);
    return id == MISSING ? null : id;
  }

  synchronized void put(Keyword attribute, Object value, long entity, Supplier<Database> db) {
    table(attribute, db).put(value, entity);
  }

  /** Bytes the tables take per id they hold, their arrays counted, the boxed keys of others not. */
  synchronized double bytesPerId() {
    long bytes = 0;
    long ids = 0;
    for (Table table : tables.values()) {
      bytes += table.bytes();
      ids += table.size;
    }
    return ids == 0 ? 0 : (double) bytes / ids;
  }

  synchronized void clear() {
    tables.clear();
    shared.clear();
    sharedCount = 0;
  }

  private Table table(Keyword attribute, Supplier<Database> database) {
    Table table = tables.get(attribute);
    if (table == null) {
      table = new Table();
      Database db = database.get();
      if (db.attribute(attribute) != null) {
        for (Datom datom : db.datoms(Database.AEVT, attribute)) {
          table.put(datom.v(), (Long) datom.e());
        }
      }
      tables.put(attribute, table);
    }
    return table;
  }

  /** One attribute's values to entity ids; longs in {@link #longKeys}, others in {@link #keys}. */
  private static final class Table {
    private long[] longKeys = new long[16];
    private long[] longIds = filled(16);
    private Object[] keys = new Object[16];
    private long[] ids = filled(16);
    private int longSize;
    private int otherSize;
    private int size;

    long get(Object value) {
      if (value instanceof Long key) {
        int slot = longSlot(longKeys, longIds, key);
        return longIds[slot];
      }
      int slot = slot(keys, byValue(value));
      return ids[slot];
    }

    void put(Object given, long id) {
      Object value = byValue(given);
      if (value instanceof Long key) {
        int slot = longSlot(longKeys, longIds, key);
        if (longIds[slot] == MISSING) {
          longSize++;
          size++;
        }
        longKeys[slot] = key;
        longIds[slot] = id;
        if (longSize * 2 > longKeys.length) {
          growLongs();
        }
        return;
      }
      int slot = slot(keys, value);
      if (keys[slot] == null) {
        otherSize++;
        size++;
      }
      keys[slot] = value;
      ids[slot] = id;
      if (otherSize * 2 > keys.length) {
        growOthers();
      }
    }

    long bytes() {
      return 16L * longKeys.length + 12L * keys.length;
    }

    private static int longSlot(long[] keys, long[] ids, long key) {
      int mask = keys.length - 1;
      int slot = (int) mix(key) & mask;
      while (ids[slot] != MISSING && keys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private static int slot(Object[] keys, Object key) {
      int mask = keys.length - 1;
      int slot = (int) mix(key.hashCode()) & mask;
      while (keys[slot] != null && !keys[slot].equals(key)) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private void growLongs() {
      long[] oldKeys = longKeys;
      long[] oldIds = longIds;
      longKeys = new long[oldKeys.length * 2];
      longIds = filled(oldKeys.length * 2);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldIds[i] != MISSING) {
          int slot = longSlot(longKeys, longIds, oldKeys[i]);
          longKeys[slot] = oldKeys[i];
          longIds[slot] = oldIds[i];
        }
      }
    }

    private void growOthers() {
      Object[] oldKeys = keys;
      long[] oldIds = ids;
      keys = new Object[oldKeys.length * 2];
      ids = filled(oldKeys.length * 2);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          int slot = slot(keys, oldKeys[i]);
          keys[slot] = oldKeys[i];
          ids[slot] = oldIds[i];
        }
      }
    }

    /**
     * Decimals by their value, whatever their scale, in tuples too: a lookup ref finds them so
     * ({@code [:rate/rate 1.00M]} is the entity of {@code 1.0M}), and a foreign key may hold {@code
     * 1.00} where its row holds {@code 1.0}, which PostgreSQL holds equal.
     */
    private static Object byValue(Object value) {
      if (value instanceof BigDecimal decimal) {
        return decimal.stripTrailingZeros();
      }
      if (value instanceof List<?> tuple && tuple.stream().anyMatch(BigDecimal.class::isInstance)) {
        return tuple.stream().map(Table::byValue).toList();
      }
      return value;
    }

    private static long[] filled(int length) {
      long[] array = new long[length];
      Arrays.fill(array, MISSING);
      return array;
    }

    // a 64-bit finalizer (SplitMix64), so that sequential keys spread over the table
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
