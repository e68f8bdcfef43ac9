package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceRow;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection of a read is killed on the server with pg_terminate_backend while rows are
 * streaming.
 */
class MidStreamFailureTest {
  private static final TableName ITEMS = TableName.of("public", "retry_items");
  private static final int ROWS = 1000;

  private static TestDatabase db;

  @BeforeAll
  static void createTable() {
    db = EmbeddedPostgresServer.freshDatabase("midstream");
    db.execute(
        "create table retry_items (id bigint primary key, label text)",
        "insert into retry_items select g, 'item ' || g from generate_series(1, " + ROWS + ") g");
  }

  private static ReadRequest request() {
    return ReadRequest.builder()
        .table(ITEMS)
        .addColumns("id", "label")
        .addKeyColumns("id")
        .fetchSize(10)
        .build();
  }

  /**
   * Kills the backend serving the open read; fails the test unless one was killed. A backend killed
   * earlier may still be on its way out and is counted too, so this asks for at least one.
   */
  private static void killReadingBackend() {
    long killed =
        db.queryLong(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid() and query like '%retry_items%'");
    assertThat(killed).as("backends reading retry_items").isPositive();
  }

  private static List<Long> readKillingAt(PostgresSource source, long... killAfter) {
    List<Long> ids = new ArrayList<>();
    try (RowCursor cursor = source.read(request())) {
      int kill = 0;
      while (cursor.hasNext()) {
        ids.add((Long) cursor.next().get("id"));
        if (kill < killAfter.length && ids.size() == killAfter[kill]) {
          killReadingBackend();
          kill++;
        }
      }
    }
    return ids;
  }

  @Test
  void without_retry_a_killed_connection_fails_naming_the_table_and_the_last_key_read() {
    PostgresSource source = PostgresSource.builder().dataSource(db.dataSource()).build();
    List<Long> ids = new ArrayList<>();
    SourceException failure =
        catchThrowableOfType(
            () -> {
              try (RowCursor cursor = source.read(request())) {
                while (cursor.hasNext()) {
                  SourceRow row = cursor.next();
                  ids.add((Long) row.get("id"));
                  if (ids.size() == 25) {
                    killReadingBackend();
                  }
                }
              }
            },
            SourceException.class);

    assertThat(failure).isNotNull();
    long last = ids.get(ids.size() - 1);
    assertThat(ids).hasSizeLessThan(ROWS);
    assertThat(failure.table()).contains(ITEMS);
    assertThat(failure.lastKey()).contains(RowKey.of(last));
    assertThat(failure).hasMessageContaining("reading public.retry_items failed after key " + last);
  }

  @Test
  void with_retry_the_read_reconnects_and_continues_after_the_last_key_without_gaps_or_repeats() {
    PostgresSource source =
        PostgresSource.builder()
            .dataSource(db.dataSource())
            .retryPolicy(RetryPolicy.of(2, Duration.ZERO))
            .build();

    List<Long> ids = readKillingAt(source, 25, 500, 501);

    assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, ROWS).boxed().toList());
  }

  @Test
  void gives_up_when_reconnecting_keeps_failing() {
    AtomicInteger connections = new AtomicInteger();
    DataSource firstConnectionOnly = failingAfter(db.dataSource(), 2, connections);
    PostgresSource source =
        PostgresSource.builder()
            .dataSource(firstConnectionOnly)
            .retryPolicy(RetryPolicy.of(3, Duration.ZERO))
            .build();

    SourceException failure =
        catchThrowableOfType(() -> readKillingAt(source, 25), SourceException.class);

    assertThat(failure)
        .hasMessageContaining("gave up after 3 reconnect attempts")
        .hasMessageContaining("public.retry_items");
    assertThat(failure.lastKey()).isPresent();
    assertThat(connections.get()).isEqualTo(2 + 3);
  }

  /**
   * A data source whose connections fail, as when the server is down, once {@code working} have
   * been opened.
   */
  private static DataSource failingAfter(DataSource real, int working, AtomicInteger opened) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection") && opened.incrementAndGet() > working) {
                throw new SQLException("Connection refused", "08001");
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
