package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.report.RowError;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the rows of a load or sync step whose identity, once converted, is an earlier row's:
 * Datomic would upsert both into one entity, a source row lost without a word. Only a conversion
 * that drops what told two keys apart does that, as an instant drops a timestamp's digits finer
 * than a millisecond. Rows come in key order and dropping digits keeps it, so the rows that meet
 * share their identity up to its first instant and are read together: only that group's identities
 * are kept, at most {@value #GROUP_LIMIT} of them.
 */
final class IdentityCollisions {
  /**
   * Bounds the memory of a group that is large but cannot collide, such as a composite key of a
   * date (an instant too) and an id: its rows beyond the limit are not checked.
   */
  static final int GROUP_LIMIT = 10_000;

  private Object group;
  private LookupRef first;
  private RowKey firstKey;
  // made only when a group has a second row: most groups are one row, one identity
  private Map<LookupRef, RowKey> others;

  /** The key of the earlier row of the group with this identity, or null; remembers this one. */
  RowKey earlier(LookupRef identity, RowKey key) {
    Object groupOf = groupOf(identity.value());
    if (!groupOf.equals(group)) {
      group = groupOf;
      first = identity;
      firstKey = key;
      others = null;
      return null;
    }
    if (identity.equals(first)) {
      return firstKey;
    }
    if (others == null) {
      others = new HashMap<>();
    }
    RowKey earlier = others.get(identity);
    if (earlier == null && others.size() < GROUP_LIMIT) {
      others.put(identity, key);
    }
    return earlier;
  }

  /** The error that rejects {@code row}, whose identity is the row's of key {@code earlier}. */
  static RowError rejection(
      TableName table, SourceRow row, TxEntity entity, RowKey earlier, String identityColumns) {
    List<String> keyColumns = row.shape().keyColumns();
    String earlierKey = earlier.describe(keyColumns);
    return RowError.builder()
        .table(table)
        .key(row.key())
        .keyColumns(keyColumns)
        .column(identityColumns)
        .value(String.valueOf(entity.identity().value()))
        .reason(
            "the row's identity "
                + entity.identity()
                + " is that of an earlier row ("
                + earlierKey
                + "), so both would become one entity: converting the key lost what told them"
                + " apart, such as a timestamp's digits finer than a millisecond; identify the"
                + " table by columns that convert without loss, or convert the key to text")
        .build();
  }

  private static Object groupOf(Object identity) {
    if (identity instanceof Tuple tuple) {
      for (int i = 0; i < tuple.size(); i++) {
        if (tuple.get(i) instanceof Instant || tuple.get(i) instanceof Date) {
          return tuple.values().subList(0, i + 1);
        }
      }
    }
    return identity;
  }
}
