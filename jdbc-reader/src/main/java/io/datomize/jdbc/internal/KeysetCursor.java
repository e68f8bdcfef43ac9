package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;

import io.datomize.catalog.TableName;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import io.datomize.spi.UnreadableValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectJoinStep;
import org.jooq.SelectLimitStep;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a table in key order with one query, {@code select ... where <filter> and (k1, k2) > (?,
 * ?) order by k1, k2}, fetched a page at a time through a server-side cursor, so memory holds one
 * fetch whatever the table's size. A fetch is at most {@link ReadRequest#fetchSize()} rows and
 * about {@link ReadRequest#fetchBytes()}, as {@link FetchSizes} sizes it. The key columns may be
 * computed ones, such as a content key, when the rows come from a derived table. When the
 * connection is lost it reopens the query after the last row it returned, as the retry policy
 * allows.
 */
public final class KeysetCursor implements RowCursor {
  private static final Logger LOG = LoggerFactory.getLogger(KeysetCursor.class);

  private final Connections connections;
  private final DSLContext render;
  private final ReadRequest request;
  private final Table<?> rows;
  private final Condition filter;
  private final RowShape shape;
  private final List<ColumnDecoder> decoders;
  private final int[] keyIndexes;
  private final List<ColumnDecoder> keyDecoders;
  private final RetryPolicy retry;
  private final Consumer<KeysetCursor> onClose;
  private final FetchSizes fetchSizes;

  private Connection connection;
  private PreparedStatement statement;
  private ResultSet results;
  private SourceRow next;
  private RowKey lastKey;
  private int attempts;
  private boolean done;
  private int fetchRows;
  private int rowsLeftInFetch;
  private int fetchedRows;
  private long fetchedBytes;

  /**
   * @param rows what the rows are selected from: the relation itself, or a derived table that also
   *     holds computed key columns
   * @param filter which of those rows to read, besides the cursor's own condition
   */
  public KeysetCursor(
      Connections connections,
      DSLContext render,
      ReadRequest request,
      Table<?> rows,
      Condition filter,
      List<ColumnDecoder> decoders,
      RetryPolicy retry,
      FetchSizes fetchSizes,
      Consumer<KeysetCursor> onClose) {
    this.connections = connections;
    this.render = render;
    this.request = request;
    this.rows = rows;
    this.filter = filter;
    this.shape = RowShape.of(request.table(), request.columns(), request.keyColumns());
    this.decoders = decoders;
    this.keyIndexes = request.keyColumns().stream().mapToInt(shape::indexOf).toArray();
    this.keyDecoders = Arrays.stream(keyIndexes).mapToObj(decoders::get).toList();
    this.retry = retry;
    this.onClose = onClose;
    this.lastKey = request.after().orElse(null);
    this.fetchSizes = fetchSizes;
    this.fetchRows = fetchSizes.first(request);
  }

  @Override
  public RowShape shape() {
    return shape;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      try {
        if (results == null) {
          open();
        }
        if (results.next()) {
          next = decode();
          attempts = 0;
          sizeNextFetch(next);
        } else {
          close();
        }
      } catch (SQLException e) {
        recover(e);
      }
    }
    return next != null;
  }

  @Override
  public SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException(table() + ": no more rows after key " + lastKey);
    }
    SourceRow row = next;
    next = null;
    lastKey = row.key();
    return row;
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    closeQuietly();
    onClose.accept(this);
  }

  private void open() throws SQLException {
    connection = connections.open();
    ReadSession.begin(connection, connections.snapshot());
    SelectJoinStep<?> select =
        render.select(decoders.stream().map(ColumnDecoder::selected).toList()).from(rows);
    List<Field<Object>> keys = request.keyColumns().stream().map(k -> field(name(k))).toList();
    SelectLimitStep<?> query =
        select
            .where(lastKey == null ? filter : filter.and(row(keys).gt(row(cursorValues()))))
            .orderBy(keys);
    statement =
        connection.prepareStatement(
            query.getSQL(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(fetchRows);
    List<Object> binds = query.getBindValues();
    for (int i = 0; i < binds.size(); i++) {
      statement.setObject(i + 1, binds.get(i));
    }
    results = statement.executeQuery();
    startFetch();
  }

  /**
   * Counts the row against the fetch that brought it; after the fetch's last row, sizes the next
   * fetch by the mean size of its rows, which the driver takes for the rest of the query.
   */
  private void sizeNextFetch(SourceRow row) throws SQLException {
    fetchedRows++;
    fetchedBytes += row.estimatedBytes();
    if (--rowsLeftInFetch > 0) {
      return;
    }
    long meanRowBytes = Math.max(1, fetchedBytes / fetchedRows);
    int rows = fetchSizes.next(request, fetchRows, meanRowBytes);
    if (rows != fetchRows) {
      LOG.debug(
          "reading {}: {} rows per fetch, rows of about {} bytes", table(), rows, meanRowBytes);
      fetchRows = rows;
      results.setFetchSize(rows);
    }
    startFetch();
  }

  private void startFetch() {
    rowsLeftInFetch = fetchRows;
    fetchedRows = 0;
    fetchedBytes = 0;
  }

  /** Rows the next fetch asks for. */
  int fetchRows() {
    return fetchRows;
  }

  private List<Field<?>> cursorValues() {
    List<Field<?>> values = new ArrayList<>();
    for (int i = 0; i < keyDecoders.size(); i++) {
      values.add(keyDecoders.get(i).literal(lastKey.get(i)));
    }
    return values;
  }

  /**
   * A value that cannot be decoded stays in the row as an {@link UnreadableValue}, for the row to
   * be rejected. In a key column it stops the read instead: without its key the row can be neither
   * ordered, resumed after, nor named.
   */
  private SourceRow decode() {
    Object[] values = new Object[decoders.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = decoders.get(i).read(results, i + 1);
    }
    for (int k : keyIndexes) {
      if (values[k] instanceof UnreadableValue unreadable) {
        close();
        throw new SourceException(
            table()
                + ": cannot read key column "
                + shape.columns().get(k)
                + " of the row "
                + position()
                + ", '"
                + unreadable.text()
                + "': "
                + unreadable.reason(),
            table(),
            lastKey,
            null);
      }
    }
    SourceRow row = SourceRow.of(shape, values);
    try {
      row.key();
    } catch (RuntimeException e) {
      close();
      throw new SourceException(
          table()
              + ": the row "
              + position()
              + " has no usable key "
              + request.keyColumns()
              + ": "
              + e.getMessage(),
          table(),
          lastKey,
          e);
    }
    return row;
  }

  private void recover(SQLException e) {
    closeQuietly();
    if (!isConnectionLoss(e) || attempts >= retry.maxRetries()) {
      close();
      String gaveUp = attempts > 0 ? " (gave up after " + attempts + " reconnect attempts)" : "";
      throw new SourceException(
          "reading "
              + table()
              + " failed "
              + position()
              + gaveUp
              + ": "
              + e.getMessage()
              + " [SQLState "
              + e.getSQLState()
              + "]"
              + (lastKey == null ? "" : "; a new read can continue after that key"),
          table(),
          lastKey,
          e);
    }
    attempts++;
    LOG.warn(
        "reading {}: connection lost {} ({}); reconnecting, attempt {} of {}",
        table(),
        position(),
        e.getMessage(),
        attempts,
        retry.maxRetries());
    try {
      Thread.sleep(retry.backoff(attempts).toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      close();
      throw new SourceException(
          "reading " + table() + " was interrupted " + position(), table(), lastKey, e);
    }
  }

  private static boolean isConnectionLoss(SQLException e) {
    String state = e.getSQLState();
    // class 08: connection exceptions; 57P01-57P03: the server terminated the session or is
    // restarting
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }

  private String position() {
    return lastKey == null ? "before the first row" : "after key " + lastKey;
  }

  private TableName table() {
    return request.table();
  }

  private void closeQuietly() {
    try (Connection c = connection;
        PreparedStatement s = statement;
        ResultSet r = results) {
      if (c != null && !c.isClosed()) {
        ReadSession.end(c);
      }
    } catch (SQLException e) {
      LOG.debug("closing the read of {}: {}", table(), e.getMessage());
    }
    connection = null;
    statement = null;
    results = null;
  }
}
