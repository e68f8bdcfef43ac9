package io.datomize.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The figures of a harness run as Markdown, ready to paste into {@code docs/benchmarks.md}. */
final class BenchmarkReport {
  /** One load: which loader, on which scale and latency, in which round, and what it measured. */
  record Measurement(
      String scale,
      long sourceRows,
      long latencyMs,
      String loader,
      int round,
      LoadResult result,
      long peakHeapBytes,
      long liveHeapBytes) {}

  private final String command;
  private final List<String> loaders;
  private final Map<String, Duration> generation = new LinkedHashMap<>();
  private final List<Measurement> measurements = new ArrayList<>();

  BenchmarkReport(String command, List<String> loaders) {
    this.command = command;
    this.loaders = List.copyOf(loaders);
  }

  void generated(String scale, Duration took) {
    generation.put(scale, took);
  }

  void add(Measurement measurement) {
    measurements.add(measurement);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Benchmark run ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append("\n\n");
    md.append("- Machine: ").append(machine()).append('\n');
    md.append("- JDK: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(", JVM options `")
        .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .append("`\n");
    md.append("- Command: `").append(command).append("`\n");
    md.append("- Source generated in embedded PostgreSQL: ")
        .append(
            generation.entrySet().stream()
                .map(e -> e.getKey() + " in " + seconds(e.getValue()) + " s")
                .collect(Collectors.joining(", ")))
        .append("\n\n");
    summary(md);
    goals(md);
    growth(md);
    raw(md);
    return md.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown());
  }

  /** Medians over the rounds, and each loader's rows/s against every other loader's. */
  private void summary(StringBuilder md) {
    md.append("### Summary (median of the rounds; heap figures: the largest)\n\n");
    md.append(
        "Peak heap: the sum of the heap pools' peaks, garbage included (mostly the young generation's size);"
            + " live heap: the largest heap in use right after a collection.\n\n");
    List<String> header =
        new ArrayList<>(
            List.of(
                "scale",
                "latency",
                "loader",
                "rows/s",
                "datoms/s",
                "seconds",
                "own verification s",
                "peak heap MiB",
                "live heap MiB"));
    loaders.forEach(other -> header.add("× " + other));
    row(md, header);
    separator(md, header.size());
    for (String scale : distinct(Measurement::scale)) {
      for (Long latency : distinct(Measurement::latencyMs)) {
        for (String loader : loaders) {
          List<Measurement> runs = runs(scale, latency, loader);
          if (runs.isEmpty()) {
            continue;
          }
          double rowsPerSecond = median(runs.stream().mapToDouble(m -> m.result().rowsPerSecond()));
          List<String> cells =
              new ArrayList<>(
                  List.of(
                      scale,
                      latency + " ms",
                      loader,
                      whole(rowsPerSecond),
                      whole(median(runs.stream().mapToDouble(m -> m.result().datomsPerSecond()))),
                      decimal(median(runs.stream().mapToDouble(m -> m.result().seconds()))),
                      ownVerification(
                          median(
                              runs.stream().mapToDouble(m -> m.result().ownVerificationSeconds()))),
                      mebibytes(
                          runs.stream().mapToLong(Measurement::peakHeapBytes).max().orElseThrow()),
                      mebibytes(
                          runs.stream()
                              .mapToLong(Measurement::liveHeapBytes)
                              .max()
                              .orElseThrow())));
          for (String other : loaders) {
            cells.add(
                other.equals(loader)
                    ? ""
                    : medianRowsPerSecond(scale, latency, other)
                        .map(theirs -> decimal(rowsPerSecond / theirs))
                        .orElse("–"));
          }
          row(md, cells);
        }
      }
    }
    md.append('\n');
  }

  /**
   * Datomize's median rows/s against the hand-tuned loader's where issue 13 sets a goal: at least
   * 1.0× by default and 1.3× as a bulk load, without latency and at 20 ms. Only the goals the run
   * measured are listed.
   */
  private void goals(StringBuilder md) {
    List<Goal> goals =
        List.of(
            new Goal("datomize", "hand-tuned", 0, 1.0),
            new Goal("datomize", "hand-tuned", 20, 1.0),
            new Goal("datomize-bulk", "hand-tuned", 0, 1.3),
            new Goal("datomize-bulk", "hand-tuned", 20, 1.3));
    List<String> header = List.of("scale", "goal", "measured", "met");
    List<List<String>> rows = new ArrayList<>();
    for (String scale : distinct(Measurement::scale)) {
      for (Goal goal : goals) {
        Optional<Double> ours = medianRowsPerSecond(scale, goal.latencyMs(), goal.loader());
        Optional<Double> theirs = medianRowsPerSecond(scale, goal.latencyMs(), goal.against());
        if (ours.isPresent() && theirs.isPresent()) {
          double ratio = ours.get() / theirs.get();
          rows.add(
              List.of(
                  scale,
                  goal.loader()
                      + " ≥ "
                      + goal.ratio()
                      + "× "
                      + goal.against()
                      + " at "
                      + goal.latencyMs()
                      + " ms",
                  decimal(ratio) + "×",
                  ratio >= goal.ratio() ? "yes" : "**no**"));
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Goals (ratio of median rows/s)\n\n");
    row(md, header);
    separator(md, header.size());
    rows.forEach(cells -> row(md, cells));
    md.append('\n');
  }

  private record Goal(String loader, String against, long latencyMs, double ratio) {}

  /**
   * Microseconds per source row at each scale: constant when time grows linearly with the rows. The
   * last column divides the largest scale's figure by the smallest's, so 1.00 is exactly linear and
   * 1.20 is 20% slower per row.
   */
  private void growth(StringBuilder md) {
    List<String> scales = distinct(Measurement::scale);
    md.append("### Growth (median µs per source row)\n\n");
    List<String> header = new ArrayList<>(List.of("loader", "latency"));
    header.addAll(scales);
    header.add("last ÷ first");
    row(md, header);
    separator(md, header.size());
    for (String loader : loaders) {
      for (Long latency : distinct(Measurement::latencyMs)) {
        List<String> cells = new ArrayList<>(List.of(loader, latency + " ms"));
        List<Double> perRow = new ArrayList<>();
        for (String scale : scales) {
          Optional<Double> micros =
              medianRowsPerSecond(scale, latency, loader).map(perSecond -> 1e6 / perSecond);
          micros.ifPresent(perRow::add);
          cells.add(micros.map(BenchmarkReport::decimal).orElse("–"));
        }
        cells.add(perRow.size() < 2 ? "–" : decimal(perRow.get(perRow.size() - 1) / perRow.get(0)));
        row(md, cells);
      }
    }
    md.append('\n');
  }

  private void raw(StringBuilder md) {
    md.append("### Raw figures\n\n");
    List<String> header =
        List.of(
            "scale",
            "source rows",
            "latency",
            "loader",
            "round",
            "rows",
            "datoms",
            "seconds",
            "rows/s",
            "datoms/s",
            "own verification s",
            "peak heap MiB",
            "live heap MiB");
    row(md, header);
    separator(md, header.size());
    for (Measurement m : measurements) {
      LoadResult r = m.result();
      row(
          md,
          List.of(
              m.scale(),
              Long.toString(m.sourceRows()),
              m.latencyMs() + " ms",
              m.loader(),
              Integer.toString(m.round()),
              Long.toString(r.rows()),
              Long.toString(r.datoms()),
              decimal(r.seconds()),
              whole(r.rowsPerSecond()),
              whole(r.datomsPerSecond()),
              ownVerification(r.ownVerificationSeconds()),
              mebibytes(m.peakHeapBytes()),
              mebibytes(m.liveHeapBytes())));
    }
    md.append('\n');
  }

  private Optional<Double> medianRowsPerSecond(String scale, long latency, String loader) {
    List<Measurement> runs = runs(scale, latency, loader);
    return runs.isEmpty()
        ? Optional.empty()
        : Optional.of(median(runs.stream().mapToDouble(m -> m.result().rowsPerSecond())));
  }

  private List<Measurement> runs(String scale, long latency, String loader) {
    return measurements.stream()
        .filter(
            m -> m.scale().equals(scale) && m.latencyMs() == latency && m.loader().equals(loader))
        .toList();
  }

  private <T> List<T> distinct(java.util.function.Function<Measurement, T> key) {
    return measurements.stream().map(key).distinct().toList();
  }

  private static double median(java.util.stream.DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu =
          lines
              .filter(line -> line.startsWith("model name"))
              .findFirst()
              .map(line -> line.substring(line.indexOf(':') + 1).trim())
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: the OS line below still says what it is
    }
    long memory =
        ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
            .getTotalMemorySize();
    return cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + Math.round(memory / 1073741824.0)
        + " GiB RAM, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static void separator(StringBuilder md, int columns) {
    md.append("|").append(" --- |".repeat(columns)).append('\n');
  }

  private static String whole(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String mebibytes(long bytes) {
    return whole(bytes / 1048576.0);
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** The seconds a loader spent checking its own load; a dash for a loader that does not. */
  private static String ownVerification(double seconds) {
    return seconds == 0 ? "–" : decimal(seconds);
  }

  private static String seconds(Duration duration) {
    return decimal(duration.toNanos() / 1e9);
  }
}
