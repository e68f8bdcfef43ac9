package io.datomize.examples.bench;

import datomic.Peer;
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The speed of a follow (issue #15) on the Queryfeed database: the apply rate of streamed
 * single-row transactions and of transactions of many rows, against the bulk load rate of the same
 * machine, and the follower's lag while a writer runs at half the single-row apply rate ({@link
 * FollowScenario}). The scenario is checked (the follower applies exactly what the writer changed,
 * Datomize's verification passes) before its figures count.
 */
@Command(
    name = "follow-benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Times a follower's apply rate and lag against a bulk load.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the scenario finished and was checked", "1:it went wrong"})
public final class FollowBenchmark implements Callable<Integer> {
  /** The lag stays bounded if it never exceeds this. */
  static final Duration LAG_BOUND = Duration.ofSeconds(2);

  /** ... and the last third's median lag exceeds the first third's by at most this. */
  static final Duration LAG_GROWTH = Duration.ofMillis(250);

  @Option(
      names = "--scale",
      defaultValue = "20k",
      description = "Source rows the follower loads as its snapshot (default ${DEFAULT-VALUE}).")
  String scale;

  @Option(
      names = "--single",
      defaultValue = "5000",
      description = "Single-row transactions (default ${DEFAULT-VALUE}).")
  int single;

  @Option(
      names = "--batches",
      defaultValue = "20",
      description = "Transactions of --batch-rows rows (default ${DEFAULT-VALUE}).")
  int batches;

  @Option(
      names = "--batch-rows",
      defaultValue = "1000",
      description = "Rows per batch transaction (default ${DEFAULT-VALUE}).")
  int batchRows;

  @Option(
      names = "--lag-seconds",
      defaultValue = "60",
      description =
          "About how long the paced writer runs; the follower reports its lag about once a"
              + " second (default ${DEFAULT-VALUE}).")
  int lagSeconds;

  @Option(
      names = "--bulk-scale",
      defaultValue = "200k",
      description = "Source rows of the bulk load (default ${DEFAULT-VALUE}).")
  String bulkScale;

  @Mixin ReportOptions reportOptions;

  private final String[] arguments;

  private FollowBenchmark(String[] arguments) {
    this.arguments = arguments.clone();
  }

  public static void main(String[] args) {
    BenchmarkHarness.exit(new FollowBenchmark(args), args);
  }

  @Override
  public Integer call() throws IOException {
    Path runs = Files.createTempDirectory("datomize-follow-bench");
    FollowScenario.Result result;
    Bulk bulk;
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
      DataSource source = postgres.createDatabase("queryfeed_follow");
      QueryfeedDatabase.create(source, rows(scale), reportOptions.seed);
      String uri = "datomic:mem://bench-follow-" + UUID.randomUUID();
      try {
        result =
            new FollowScenario(source, runs, reportOptions.seed)
                .run(
                    uri,
                    new FollowScenario.Settings(
                        single, batches, batchRows, Duration.ofSeconds(lagSeconds)));
      } finally {
        Peer.deleteDatabase(uri);
      }
      List<String> problems = result.problems();
      if (!problems.isEmpty()) {
        throw new BenchmarkHarness.WrongLoadException(
            "the follow went wrong:\n  " + String.join("\n  ", problems));
      }
      System.out.println(line(result));
      DataSource large = postgres.createDatabase("queryfeed_bulk");
      QueryfeedDatabase.create(large, rows(bulkScale), reportOptions.seed);
      bulk = bulkLoad(large, runs);
      System.out.printf(
          Locale.ROOT, "bulk load: %,d rows in %.2f s%n", bulk.rows(), seconds(bulk.elapsed()));
    } finally {
      try (var paths = Files.walk(runs)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    String report = markdown("FollowBenchmark " + String.join(" ", arguments), scale, result, bulk);
    reportOptions.write("follow", report);
    return 0;
  }

  private static long rows(String scale) {
    return QueryfeedSize.ofTotal(BenchmarkHarness.parseScale(scale)).total();
  }

  /** A bulk load of the source into a fresh {@code datomic:mem} database, without verification. */
  private static Bulk bulkLoad(DataSource source, Path runs) {
    String uri = "datomic:mem://bench-follow-bulk-" + UUID.randomUUID();
    try (PostgresSource postgres = PostgresSource.builder().dataSource(source).build();
        DatomicTarget datomic = DatomicTarget.builder().uri(uri).build()) {
      long started = System.nanoTime();
      MigrationReport report =
          Migration.from(postgres)
              .mapping(BenchmarkMapping::mapping)
              .options(RunOptions.builder().runDirectory(runs).verify(false).build())
              .to(datomic)
              .bulkLoad();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (!report.succeeded() || report.rowsRejected() > 0) {
        throw new BenchmarkHarness.WrongLoadException(
            "the bulk load did not load everything:\n" + report.summary());
      }
      return new Bulk(report.rowsRead(), elapsed);
    } finally {
      Peer.deleteDatabase(uri);
    }
  }

  private static String line(FollowScenario.Result r) {
    return String.format(
        Locale.ROOT,
        "single-row: %,d changes in %.2f s (%.0f/s); batches: %,d changes in %.2f s (%.0f/s);"
            + " lag: max %.3f s, %,d bytes",
        r.single().report().changes(),
        seconds(r.single().elapsed()),
        r.single().changesPerSecond(),
        r.batch().report().changes(),
        seconds(r.batch().elapsed()),
        r.batch().changesPerSecond(),
        max(r.lag().samples(), s -> seconds(s.lag())),
        (long) max(r.lag().samples(), FollowScenario.Sample::lagBytes));
  }

  /** The scenario's figures in Markdown: the apply rates against the bulk load's, then the lag. */
  static String markdown(String command, String scale, FollowScenario.Result r, Bulk bulk) {
    StringBuilder out = new StringBuilder();
    out.append("#### Follow (").append(command).append(")\n\n");
    out.append(
        "| phase | transactions | rows changed | s | rows/s | ÷ bulk load rate | rows/s less the"
            + " start | ÷ bulk load rate |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    double bulkRate = bulk.rows() / seconds(bulk.elapsed());
    long snapshotRows = r.snapshot().report().snapshot().map(MigrationReport::rowsRead).orElse(0L);
    double snapshotRate = snapshotRows / seconds(r.snapshot().elapsed());
    row(
        out,
        "snapshot load by the follower (" + scale + ")",
        0,
        snapshotRows,
        r.snapshot().elapsed(),
        snapshotRate,
        0,
        bulkRate);
    row(out, "follow start, nothing to apply", 0, 0, r.idle().elapsed(), 0, 0, bulkRate);
    row(
        out,
        "single-row transactions",
        r.single().report().transactions(),
        r.single().report().changes(),
        r.single().elapsed(),
        r.single().changesPerSecond(),
        r.single().changesPerSecondAfterStart(r.idle()),
        bulkRate);
    row(
        out,
        String.format(
            Locale.ROOT,
            "%,d-row transactions",
            r.batch().report().changes() / Math.max(1, r.batch().report().transactions())),
        r.batch().report().transactions(),
        r.batch().report().changes(),
        r.batch().elapsed(),
        r.batch().changesPerSecond(),
        r.batch().changesPerSecondAfterStart(r.idle()),
        bulkRate);
    row(out, "bulk load (`bulkLoad()`)", 0, bulk.rows(), bulk.elapsed(), bulkRate, 0, bulkRate);

    FollowScenario.Lag lag = r.lag();
    List<FollowScenario.Sample> samples = lag.samples();
    int third = samples.size() / 3;
    double first = median(samples.subList(0, third), s -> seconds(s.lag()));
    double last =
        median(samples.subList(samples.size() - third, samples.size()), s -> seconds(s.lag()));
    double maxLag = max(samples, s -> seconds(s.lag()));
    boolean bounded =
        maxLag <= seconds(LAG_BOUND) && last <= first + seconds(LAG_GROWTH) && !samples.isEmpty();
    out.append("\n| writer tx/s (asked) | tx/s (achieved) | transactions | rows changed | samples")
        .append(" | max lag s | median lag s | max lag bytes | median lag bytes")
        .append(" | median lag s, first third | median lag s, last third | lag bounded |\n");
    out.append(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| %.0f | %.0f | %,d | %,d | %,d | %.3f | %.3f | %,d | %,d | %.3f | %.3f | %s |%n",
            lag.rate(),
            lag.transactions() / seconds(lag.writing()),
            lag.transactions(),
            lag.changes(),
            samples.size(),
            maxLag,
            median(samples, s -> seconds(s.lag())),
            (long) max(samples, FollowScenario.Sample::lagBytes),
            (long) median(samples, FollowScenario.Sample::lagBytes),
            first,
            last,
            bounded ? "yes" : "**no**"));
    out.append(
        String.format(
            Locale.ROOT,
            "%nLag bounded: the largest lag sampled is at most %.1f s and the median of the last"
                + " third of the samples exceeds the first third's by at most %.2f s.%n",
            seconds(LAG_BOUND),
            seconds(LAG_GROWTH)));
    return out.toString();
  }

  private static void row(
      StringBuilder out,
      String phase,
      long transactions,
      long rows,
      Duration elapsed,
      double rate,
      double rateAfterStart,
      double bulkRate) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %,d | %.2f | %s | %s |%n",
            phase,
            transactions == 0 ? "–" : String.format(Locale.ROOT, "%,d", transactions),
            rows,
            seconds(elapsed),
            rate(rate, bulkRate),
            rate(rateAfterStart, bulkRate)));
  }

  /** A rate and its share of the bulk load's, as two cells; dashes for none. */
  private static String rate(double rate, double bulkRate) {
    return rate == 0 ? "– | –" : String.format(Locale.ROOT, "%,.0f | %.3f", rate, rate / bulkRate);
  }

  private static <T> double max(List<T> values, ToDoubleFunction<T> value) {
    return values.stream().mapToDouble(value).max().orElse(0);
  }

  private static <T> double median(List<T> values, ToDoubleFunction<T> value) {
    double[] sorted = values.stream().mapToDouble(value).sorted().toArray();
    if (sorted.length == 0) {
      return 0;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** A bulk load: rows read and the time it took. */
  record Bulk(long rows, Duration elapsed) {}
}
