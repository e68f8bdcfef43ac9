package io.datomize.jdbc.internal;

import io.datomize.catalog.TableName;
import io.datomize.spi.ReadRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many rows a fetch asks for, at most the request's rows and about its bytes. PostgreSQL
 * fetches by rows only, so a read of a table whose rows are not known yet fetches a few first, and
 * each later fetch is sized by the rows of the one before, growing tenfold at most. Shared by the
 * cursors of one source, so that the next read of a table (a lookup, a verification) starts at the
 * size its rows call for.
 */
public final class FetchSizes {
  /** Rows of the first fetch of a table whose rows are not known yet. */
  static final int FIRST_FETCH_ROWS = 10;

  /** How many times the rows of one fetch the next may ask for: a small fetch is a small sample. */
  static final int GROWTH = 10;

  private final Map<TableName, Long> meanRowBytes = new ConcurrentHashMap<>();

  /** The rows of the first fetch of {@code request}. */
  int first(ReadRequest request) {
    Long known = meanRowBytes.get(request.table());
    return known == null
        ? Math.min(request.fetchSize(), FIRST_FETCH_ROWS)
        : rows(request, known, request.fetchSize());
  }

  /**
   * The rows of the fetch after one of {@code fetched} rows whose mean size was {@code
   * meanRowBytes}, which is remembered for the table's next reads.
   */
  int next(ReadRequest request, int fetched, long meanRowBytes) {
    this.meanRowBytes.put(request.table(), meanRowBytes);
    return rows(request, meanRowBytes, (long) fetched * GROWTH);
  }

  private static int rows(ReadRequest request, long meanRowBytes, long most) {
    long bySize = request.fetchBytes() / Math.max(1, meanRowBytes);
    return (int) Math.max(1, Math.min(request.fetchSize(), Math.min(bySize, most)));
  }
}
