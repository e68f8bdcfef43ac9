package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.SourceRow;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tables far larger than the heap: surefire runs this class alone in a JVM with {@code
 * -Xmx64m} (execution {@code streaming-memory} in this module's pom), where holding the rows would
 * fail with OutOfMemoryError. The row count of the first is {@code -Ddatomize.streaming.rows}
 * (1,000,000 by default). Results go to docs/benchmarks.md.
 */
class StreamingMemoryTest {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingMemoryTest.class);

  @Test
  void reads_a_million_rows_in_a_64_mb_heap() {
    long rows = Long.getLong("datomize.streaming.rows", 1_000_000L);
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("streaming");
    db.execute(
        "create table big (id bigint primary key, name text, amount numeric(12, 2), at timestamptz,"
            + " tags text[], payload text)",
        "insert into big select g, 'name ' || g, g / 100.0, timestamptz '2024-01-01' + g * interval '1 second',"
            + " array['a', 'b' || g % 10], repeat(md5(g::text), 3) from generate_series(1, "
            + rows
            + ") g");
    PostgresSource source = PostgresSource.builder().dataSource(db.dataSource()).build();
    ReadRequest request =
        ReadRequest.builder()
            .table(TableName.of("public", "big"))
            .addColumns("id", "name", "amount", "at", "tags", "payload")
            .addKeyColumns("id")
            .fetchSize(1000)
            .build();
    resetPeakHeap();

    long count = 0;
    long previous = 0;
    long payloadChars = 0;
    long start = System.nanoTime();
    try (RowCursor cursor = source.read(request)) {
      while (cursor.hasNext()) {
        SourceRow row = cursor.next();
        long id = (Long) row.get("id");
        assertThat(id).isGreaterThan(previous);
        previous = id;
        payloadChars += ((String) row.get("payload")).length();
        count++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(count).isEqualTo(rows);
    assertThat(payloadChars).isEqualTo(rows * 96);
    LOG.info(
        "streamed {} rows ({} MB of payload text alone) in {} s: {} rows/s; max heap {} MB, peak heap used {} MB",
        count,
        payloadChars * 2 / (1 << 20),
        String.format("%.1f", seconds),
        Math.round(count / seconds),
        Runtime.getRuntime().maxMemory() >> 20,
        peakHeapUsed() >> 20);
  }

  /** Rows of a megabyte each: a fetch of the request's 1,000 rows would need a gigabyte. */
  @Test
  void reads_rows_of_a_megabyte_each_in_a_64_mb_heap() {
    int rows = 200;
    int rowChars = 1 << 20;
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("streaming_large_rows");
    db.execute(
        "create table documents (id bigint primary key, body text)",
        "insert into documents select g, repeat(chr(97 + g % 26), "
            + rowChars
            + ") from generate_series(1, "
            + rows
            + ") g");
    PostgresSource source = PostgresSource.builder().dataSource(db.dataSource()).build();
    ReadRequest request =
        ReadRequest.builder()
            .table(TableName.of("public", "documents"))
            .addColumns("id", "body")
            .addKeyColumns("id")
            .fetchSize(1000)
            .fetchBytes(4L << 20)
            .build();
    resetPeakHeap();

    long count = 0;
    long chars = 0;
    try (RowCursor cursor = source.read(request)) {
      while (cursor.hasNext()) {
        SourceRow row = cursor.next();
        assertThat((Long) row.get("id")).isEqualTo(count + 1);
        chars += ((String) row.get("body")).length();
        count++;
      }
    }

    assertThat(count).isEqualTo(rows);
    assertThat(chars).isEqualTo((long) rows * rowChars);
    LOG.info(
        "streamed {} rows of {} MB each; max heap {} MB, peak heap used {} MB",
        count,
        rowChars >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        peakHeapUsed() >> 20);
  }

  private static void resetPeakHeap() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapUsed() {
    return heapPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static java.util.stream.Stream<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP);
  }
}
