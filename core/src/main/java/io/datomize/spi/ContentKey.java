package io.datomize.spi;

import io.datomize.target.ValueType;
import java.util.List;

/**
 * The key of a table with neither primary nor unique key: a hash of the row's values and its
 * occurrence among equal rows (1, 2, ...), both computed by the source. Equal rows stay separate
 * entities, and every read of the same rows gives the same keys, so re-runs are idempotent and
 * resume is exact.
 *
 * <p>A read whose key columns are {@link #COLUMNS} returns these two values under these names, at
 * the positions its columns give them; an identity on them is a tuple of a string and a long. The
 * names are chosen so as not to be real column names; a table that has a column of either name
 * cannot be content-keyed.
 */
public final class ContentKey {
  /** The hex digest of the row's values in the source's canonical text form. */
  public static final String HASH = "datomize:content-hash";

  /** The row's position (from 1) among the rows of equal hash, in the order of their text form. */
  public static final String OCCURRENCE = "datomize:occurrence";

  /** The key columns of a content-keyed read, in key order. */
  public static final List<String> COLUMNS = List.of(HASH, OCCURRENCE);

  /** The value types of {@link #COLUMNS}. */
  public static final List<ValueType> VALUE_TYPES = List.of(ValueType.STRING, ValueType.LONG);

  private ContentKey() {}

  /** Whether a read or identity uses the content key. */
  public static boolean isContentKey(List<String> keyColumns) {
    return COLUMNS.equals(keyColumns);
  }
}
