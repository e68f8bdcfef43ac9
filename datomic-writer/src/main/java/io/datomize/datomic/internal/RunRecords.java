package io.datomize.datomic.internal;

import static io.datomize.datomic.internal.Keywords.DB_ADD;
import static io.datomize.datomic.internal.Keywords.DB_RETRACT;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Datom;
import datomic.Entity;
import io.datomize.spi.RowKey;
import io.datomize.spi.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Run records as entities named by {@code :datomize.run/id}. Each watermark is one string, the
 * encoded {@link RowKey} of the table's name followed by the watermark's values, so that neither
 * needs escaping.
 */
final class RunRecords {
  private static final String KIND_NAMESPACE = "datomize.run.kind";
  private static final String TEMPID = "run";
  private static final Keyword ID = Keywords.of(SchemaForms.RUN_RECORD_ID.ident());
  private static final Keyword KIND = Keywords.of(SchemaForms.RUN_KIND.ident());
  private static final Keyword FINISHED = Keywords.of(SchemaForms.RUN_FINISHED.ident());
  private static final Keyword WATERMARKS = Keywords.of(SchemaForms.RUN_WATERMARKS.ident());

  private RunRecords() {}

  static boolean installed(Database db) {
    return db.attribute(ID) != null;
  }

  /**
   * The record as an upsert on its run id; watermarks a record of the same run holds in {@code db}
   * and this one has not are retracted.
   */
  static List<Object> transaction(Database db, RunRecord record) {
    List<Object> tx = new ArrayList<>();
    tx.add(List.of(DB_ADD, TEMPID, ID, record.runId()));
    tx.add(
        List.of(
            DB_ADD,
            TEMPID,
            KIND,
            Keyword.intern(KIND_NAMESPACE, record.kind().name().toLowerCase(Locale.ROOT))));
    tx.add(List.of(DB_ADD, TEMPID, FINISHED, Date.from(record.finished())));
    Set<String> watermarks = new HashSet<>();
    for (Map.Entry<String, RowKey> watermark : record.watermarks().entrySet()) {
      Object[] values = new Object[watermark.getValue().size() + 1];
      values[0] = watermark.getKey();
      for (int i = 1; i < values.length; i++) {
        values[i] = watermark.getValue().get(i - 1);
      }
      String encoded = RowKey.of(values).encode();
      watermarks.add(encoded);
      tx.add(List.of(DB_ADD, TEMPID, WATERMARKS, encoded));
    }
    Object existing = db.entid(List.of(ID, record.runId()));
    if (existing != null) {
      for (Object old : strings(db.entity(existing).get(WATERMARKS))) {
        if (!watermarks.contains(old)) {
          tx.add(List.of(DB_RETRACT, existing, WATERMARKS, old));
        }
      }
    }
    return tx;
  }

  /** Every record, by the time it finished, then by the order they were first recorded in. */
  static List<RunRecord> read(Database db) {
    if (!installed(db)) {
      return List.of();
    }
    record Found(long entity, RunRecord record) {}
    List<Found> found = new ArrayList<>();
    for (Datom datom : db.datoms(Database.AEVT, ID)) {
      Entity entity = db.entity(datom.e());
      Keyword kind = (Keyword) entity.get(KIND);
      RunRecord.Builder record =
          RunRecord.builder()
              .runId((String) datom.v())
              .kind(RunRecord.Kind.valueOf(kind.getName().toUpperCase(Locale.ROOT)))
              .finished(((Date) entity.get(FINISHED)).toInstant());
      for (Object encoded : strings(entity.get(WATERMARKS))) {
        List<Object> values = RowKey.decode((String) encoded).values();
        record.putWatermarks(
            (String) values.get(0), RowKey.of(values.subList(1, values.size()).toArray()));
      }
      found.add(new Found((Long) datom.e(), record.build()));
    }
    found.sort(
        Comparator.comparing((Found f) -> f.record().finished()).thenComparing(Found::entity));
    return found.stream().map(Found::record).toList();
  }

  private static Collection<?> strings(Object many) {
    return many == null ? List.of() : (Collection<?>) many;
  }
}
