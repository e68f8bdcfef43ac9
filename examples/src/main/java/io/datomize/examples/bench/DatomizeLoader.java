package io.datomize.examples.bench;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import io.datomize.verify.VerificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Datomize with its defaults: {@code Migration.from(postgres).mapping(..).to(datomic).run()} and no
 * tuning option, or the same as a bulk load ({@code bulkLoad()}). Its own verification (every row
 * compared with its entity) is not part of the load time: the load runs with {@code
 * RunOptions.verify(false)} and the verification follows, timed on its own, so the load is measured
 * as the baselines' loads are (the harness checks every loader with the same {@link LoadVerifier}
 * afterwards).
 *
 * <p>The target writes through the harness's connection, which already adds the simulated
 * transactor latency.
 */
public final class DatomizeLoader implements Loader {
  private final boolean bulk;

  /**
   * @param bulk whether to load with {@code bulkLoad()} rather than {@code run()}
   */
  public DatomizeLoader(boolean bulk) {
    this.bulk = bulk;
  }

  @Override
  public String name() {
    return bulk ? "datomize-bulk" : "datomize";
  }

  @Override
  public LoadResult load(DataSource source, LoadTarget target) throws Exception {
    Path runs = Files.createTempDirectory("datomize-bench-runs");
    try {
      long start = System.nanoTime();
      try (PostgresSource postgres = PostgresSource.builder().dataSource(source).build();
          DatomicTarget datomic = DatomicTarget.builder().connection(target.connection()).build()) {
        Migration.Mapped migration = Migration.from(postgres).mapping(BenchmarkMapping::mapping);
        RunOptions options = RunOptions.builder().runDirectory(runs).build();
        Migration.Ready load =
            migration.options(RunOptions.builder().from(options).verify(false).build()).to(datomic);
        MigrationReport report = bulk ? load.bulkLoad() : load.run();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!report.succeeded() || report.rowsRejected() > 0 || report.bulkLoad() != bulk) {
          throw new IllegalStateException("Datomize did not load everything:\n" + report.summary());
        }
        long verifying = System.nanoTime();
        VerificationReport verification = migration.options(options).to(datomic).verify();
        Duration verified = Duration.ofNanos(System.nanoTime() - verifying);
        if (!verification.passed()) {
          throw new IllegalStateException("Datomize's own verification failed:\n" + verification);
        }
        return new LoadResult(
            report.rowsRead(),
            report.datoms(),
            elapsed,
            verified,
            report.indexing().orElse(Duration.ZERO));
      }
    } finally {
      delete(runs);
    }
  }

  private static void delete(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
