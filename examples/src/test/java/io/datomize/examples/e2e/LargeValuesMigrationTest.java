package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.testing.ForwardingTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows of large text and binary values through a real reader and a real Datomic: transactions stay
 * near the run's byte limit instead of its row count, and every value arrives whole.
 */
class LargeValuesMigrationTest {
  private static final int ROWS = 120;
  private static final int VALUE_BYTES = 64 * 1024;
  private static final long BATCH_BYTES = 1 << 20;
  private static DataSource database;

  @TempDir Path runs;

  @BeforeAll
  static void createTables() throws SQLException {
    database = EmbeddedPostgresServer.shared().createDatabase("large_values");
    try (Connection connection = database.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("create table attachment (id bigint primary key, name text, data bytea)");
      // md5 repeated makes 64 KB a row that differ from row to row
      sql.execute(
          "insert into attachment select g, 'file ' || g,"
              + " decode(repeat(md5(g::text), "
              + VALUE_BYTES / 16
              + "), 'hex') from generate_series(1, "
              + ROWS
              + ") g");
      sql.execute("create table note (id bigint primary key, body text)");
      sql.execute(
          "insert into note select g, repeat(md5(g::text), "
              + VALUE_BYTES / 32
              + ") from generate_series(1, "
              + ROWS
              + ") g");
    }
  }

  @Test
  void transactions_are_cut_at_the_byte_limit_and_every_value_arrives_whole() {
    try (DatomicTarget datomic =
        DatomicTarget.builder().uri("datomic:mem://large-values-" + UUID.randomUUID()).build()) {
      Recording target = new Recording(datomic);

      MigrationReport report =
          Migration.from(PostgresSource.builder().dataSource(database).build())
              .mapping(schema -> Mappings.conventions(schema).build())
              .options(
                  RunOptions.builder()
                      .batchSize(1_000)
                      .batchBytes(BATCH_BYTES)
                      .runDirectory(runs)
                      .build())
              .to(target)
              .run();

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.steps().stream().mapToLong(StepReport::rowsLoaded).sum())
          .isEqualTo(2L * ROWS);
      assertThat(report.verification())
          .hasValueSatisfying(v -> assertThat(v.passed()).as(report.summary()).isTrue());
      // about 64 KB a row: 16 rows pass a megabyte, so batches of 16 and the rest
      int rowsPerBatch = (int) (BATCH_BYTES / VALUE_BYTES);
      assertThat(target.batches).hasSizeGreaterThanOrEqualTo(2 * ROWS / rowsPerBatch);
      assertThat(target.batches)
          .allSatisfy(
              b -> {
                assertThat(b.rows).isLessThanOrEqualTo(rowsPerBatch);
                assertThat(b.bytes).isLessThan(BATCH_BYTES + VALUE_BYTES + 1_024);
              });
    }
  }

  private record Sent(int rows, long bytes) {}

  /** Records the rows and bytes of every batch sent to Datomic. */
  private static final class Recording extends ForwardingTarget {
    final List<Sent> batches = new CopyOnWriteArrayList<>();

    Recording(DatomicTarget target) {
      super(target);
    }

    @Override
    public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
      batches.add(
          new Sent(
              batch.entities().size(),
              batch.entities().stream().mapToLong(TxEntity::estimatedBytes).sum()));
      return super.submit(batch);
    }
  }
}
