package io.datomize.examples.bench;

import datomic.Connection;
import datomic.Peer;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the loaders against each other on the Queryfeed database: the source is generated once per
 * scale in embedded PostgreSQL, then the loaders take turns (the order rotates each round), each on
 * a fresh {@code datomic:mem} database that is deleted afterwards, and every load is verified
 * against the source before its figures count.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Loads the Queryfeed database into Datomic with each loader and reports rows/s, datoms/s and heap.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every load finished and was verified",
      "1:a load failed or loaded wrong data",
      "2:invalid options"
    })
public final class BenchmarkHarness implements Callable<Integer> {
  /** Settings a loader may take from the command line. */
  public record LoaderSettings(int inFlight, int batchSize) {}

  /** Creates a loader for one run. */
  @FunctionalInterface
  public interface LoaderFactory {
    Loader create(LoaderSettings settings);
  }

  private static final Map<String, LoaderFactory> LOADERS = new LinkedHashMap<>();

  static {
    register("naive", settings -> new NaiveLoader());
    register(
        "hand-tuned", settings -> new HandTunedLoader(settings.inFlight(), settings.batchSize()));
    register("datomize", settings -> new DatomizeLoader(false));
    register("datomize-bulk", settings -> new DatomizeLoader(true));
  }

  @Option(
      names = "--scales",
      split = ",",
      defaultValue = "100k",
      description = "Total source rows per scale, e.g. 100k,1M,5M (default ${DEFAULT-VALUE}).")
  List<String> scales;

  @Option(
      names = "--mix",
      defaultValue = "SOCIAL",
      description =
          "How the rows are shared out over the tables: ${COMPLETION-CANDIDATES} (default"
              + " ${DEFAULT-VALUE}); LINKS makes the tag links 70% of the rows.")
  QueryfeedSize.Mix mix;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Measured rounds per scale and latency.")
  int rounds;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description =
          "Unmeasured rounds before the first scale, on that scale without latency, to warm the JIT.")
  int warmup;

  @Option(
      names = "--latency-ms",
      split = ",",
      defaultValue = "0",
      description =
          "Simulated transactor latencies in milliseconds, e.g. 0,5,20 (default ${DEFAULT-VALUE}).")
  List<Long> latencies;

  @Option(
      names = "--latency-scales",
      split = ",",
      description =
          "Scales at which the non-zero latencies run (default: every scale); the others run at 0 ms"
              + " only, so that a large scale need not be loaded once per latency.")
  List<String> latencyScales;

  @Option(
      names = "--loaders",
      split = ",",
      description = "Loaders to run, by name (default: all of ${COMPLETION-CANDIDATES}).",
      completionCandidates = LoaderNames.class)
  List<String> loaders;

  @Option(
      names = "--in-flight",
      defaultValue = "" + HandTunedLoader.DEFAULT_IN_FLIGHT,
      description =
          "Transactions in flight for the hand-tuned loader (default ${DEFAULT-VALUE}); Datomize keeps"
              + " its defaults.")
  int inFlight;

  @Option(
      names = "--batch-size",
      defaultValue = "" + HandTunedLoader.DEFAULT_BATCH_SIZE,
      description = "Rows per transaction for the hand-tuned loader (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin ReportOptions reportOptions;

  private final String[] arguments;

  private BenchmarkHarness(String[] arguments) {
    this.arguments = arguments.clone();
  }

  /**
   * Makes a loader selectable by {@code --loaders name}; the registration order is the report
   * order.
   */
  public static void register(String name, LoaderFactory factory) {
    LOADERS.put(name, factory);
  }

  public static void main(String[] args) {
    exit(new BenchmarkHarness(args), args);
  }

  /**
   * Runs a benchmark command and exits the JVM with its code: 1 when a load turned out wrong, with
   * the reason printed; the Peer is shut down first.
   */
  static void exit(Object command, String[] args) {
    int exit =
        new CommandLine(command)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(
                (failure, commandLine, parsed) -> {
                  if (failure instanceof WrongLoadException) {
                    commandLine.getErr().println(failure.getMessage());
                    return 1;
                  }
                  throw failure;
                })
            .execute(args);
    Peer.shutdown(true);
    System.exit(exit);
  }

  @Override
  public Integer call() throws Exception {
    List<String> selected = loaders == null ? List.copyOf(LOADERS.keySet()) : loaders;
    List<Loader> chosen = new ArrayList<>();
    for (String name : selected) {
      LoaderFactory factory = LOADERS.get(name);
      if (factory == null) {
        throw invalid("unknown loader '" + name + "'; the loaders are " + LOADERS.keySet());
      }
      chosen.add(factory.create(new LoaderSettings(inFlight, batchSize)));
    }
    List<QueryfeedSize> sizes = new ArrayList<>();
    for (String scale : scales) {
      try {
        sizes.add(QueryfeedSize.of(parseScale(scale), mix));
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
    }
    BenchmarkReport report =
        new BenchmarkReport("BenchmarkHarness " + String.join(" ", arguments), selected);
    HeapPeak heap = new HeapPeak();
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
      for (int s = 0; s < scales.size(); s++) {
        String scale = scales.get(s);
        String database = "queryfeed_" + scale.toLowerCase(Locale.ROOT);
        DataSource source = postgres.createDatabase(database);
        long started = System.nanoTime();
        QueryfeedDatabase.create(source, sizes.get(s), reportOptions.seed);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        report.generated(scale, took);
        System.out.printf(
            Locale.ROOT,
            "generated %s (%,d rows) in %.1f s%n",
            scale,
            sizes.get(s).total(),
            took.toNanos() / 1e9);
        LoadVerifier verifier = LoadVerifier.of(source);
        if (s == 0) {
          for (int round = 1; round <= warmup; round++) {
            for (Loader loader : chosen) {
              run(loader, source, TransactorLatency.none(), verifier, heap);
              System.out.printf("warm-up %d: %s%n", round, loader.name());
            }
          }
        }
        for (long latency : latencies) {
          if (latency != 0 && latencyScales != null && !latencyScales.contains(scale)) {
            continue;
          }
          for (int round = 1; round <= rounds; round++) {
            List<Loader> order = new ArrayList<>(chosen);
            Collections.rotate(order, -(round - 1));
            for (Loader loader : order) {
              BenchmarkReport.Measurement m =
                  run(loader, source, TransactorLatency.ofMillis(latency), verifier, heap)
                      .at(scale, sizes.get(s).total(), latency, loader.name(), round);
              report.add(m);
              System.out.printf(
                  Locale.ROOT,
                  "%s, %d ms, round %d, %s: %.2f s, %,.0f rows/s, %,.0f datoms/s,"
                      + " heap: peak %,d MiB, live after GC %,d MiB%s%n",
                  scale,
                  latency,
                  round,
                  loader.name(),
                  m.result().seconds(),
                  m.result().rowsPerSecond(),
                  m.result().datomsPerSecond(),
                  m.peakHeapBytes() >> 20,
                  m.liveHeapBytes() >> 20,
                  m.result().ownVerification().isZero()
                      ? ""
                      : String.format(
                          Locale.ROOT,
                          "; own verification %.2f s; indexing %.2f s of the load",
                          m.result().ownVerificationSeconds(),
                          m.result().indexing().toNanos() / 1e9));
            }
          }
        }
        postgres.dropDatabase(database);
      }
    }
    reportOptions.write("benchmark", report.markdown());
    return 0;
  }

  /** One verified load into a fresh database, deleted afterwards. */
  private static Run run(
      Loader loader,
      DataSource source,
      TransactorLatency latency,
      LoadVerifier verifier,
      HeapPeak heap)
      throws Exception {
    String uri = "datomic:mem://bench-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    Connection connection = Peer.connect(uri);
    try {
      heap.reset();
      LoadResult result =
          loader.load(source, new LoadTarget(uri, latency.wrap(connection), latency));
      long peak = heap.peakBytes();
      long live = heap.liveBytes();
      List<String> problems = verifier.problems(result, connection.db());
      if (!problems.isEmpty()) {
        throw new WrongLoadException(
            loader.name()
                + " loaded wrong data ("
                + latency
                + " latency):\n  "
                + String.join("\n  ", problems));
      }
      return new Run(result, peak, live);
    } finally {
      connection.release();
      Peer.deleteDatabase(uri);
    }
  }

  private CommandLine.ParameterException invalid(String message) {
    return new CommandLine.ParameterException(new CommandLine(this), message);
  }

  /** "100k", "1M", "5m" or a plain number of rows. */
  static long parseScale(String scale) {
    String s = scale.trim().toLowerCase(Locale.ROOT);
    long unit = s.endsWith("k") ? 1_000 : s.endsWith("m") ? 1_000_000 : 1;
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    try {
      return Math.multiplyExact(Long.parseLong(digits), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "scale '" + scale + "' is not a row count such as 100k, 1M or 250000", e);
    }
  }

  private record Run(LoadResult result, long peakHeapBytes, long liveHeapBytes) {
    BenchmarkReport.Measurement at(
        String scale, long sourceRows, long latencyMs, String loader, int round) {
      return new BenchmarkReport.Measurement(
          scale, sourceRows, latencyMs, loader, round, result, peakHeapBytes, liveHeapBytes);
    }
  }

  /** A load that finished but does not match its source. */
  static final class WrongLoadException extends RuntimeException {
    WrongLoadException(String message) {
      super(message);
    }
  }

  /** For picocli's help: the registered loader names. */
  static final class LoaderNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return LOADERS.keySet().iterator();
    }
  }
}
