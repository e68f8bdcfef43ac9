package io.datomize.examples.bench;

import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The speed goals of a sync (issue #12) on the Queryfeed database: per scale and round, a full load
 * that records watermarks, a sync of the unchanged source without watermarks, and a sync with
 * watermarks after about 1% of the rows changed ({@link SyncScenario}); every round is checked (the
 * syncs change exactly what changed, Datomize's verification passes) before its figures count.
 */
@Command(
    name = "sync-benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Times a sync against a full load of the Queryfeed database.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every round finished and was checked", "1:a round went wrong"})
public final class SyncBenchmark implements Callable<Integer> {
  /** A watermarked sync of 1% changed rows takes at most this share of a full load. */
  static final double WATERMARKED_GOAL = 0.1;

  /** A sync of the unchanged source without watermarks takes at most this share of a full load. */
  static final double UNCHANGED_GOAL = 0.5;

  @Option(
      names = "--scales",
      split = ",",
      defaultValue = "100k",
      description = "Total source rows per scale, e.g. 100k,1M (default ${DEFAULT-VALUE}).")
  List<String> scales;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per scale.")
  int rounds;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description = "Unmeasured rounds before the first scale's, to warm the JIT.")
  int warmup;

  @Mixin ReportOptions reportOptions;

  private final String[] arguments;

  private SyncBenchmark(String[] arguments) {
    this.arguments = arguments.clone();
  }

  public static void main(String[] args) {
    BenchmarkHarness.exit(new SyncBenchmark(args), args);
  }

  @Override
  public Integer call() throws IOException {
    List<Scale> measured = new ArrayList<>();
    Path runs = Files.createTempDirectory("datomize-sync-bench");
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
      for (int s = 0; s < scales.size(); s++) {
        String scale = scales.get(s);
        long rows = QueryfeedSize.ofTotal(BenchmarkHarness.parseScale(scale)).total();
        String database = "queryfeed_sync_" + scale.toLowerCase(Locale.ROOT);
        DataSource source = postgres.createDatabase(database);
        long started = System.nanoTime();
        QueryfeedDatabase.create(source, rows, reportOptions.seed);
        SyncScenario.prepare(source);
        Duration generated = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
            Locale.ROOT,
            "generated %s (%,d rows, with updated_at) in %.1f s%n",
            scale,
            rows,
            seconds(generated));
        SyncScenario scenario = new SyncScenario(source, runs);
        int round = 1;
        if (s == 0) {
          for (int w = 1; w <= warmup; w++) {
            checked(scenario.run(round++));
            System.out.printf("warm-up %d done%n", w);
          }
        }
        List<SyncScenario.Round> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
          SyncScenario.Round result = checked(scenario.run(round++));
          results.add(result);
          System.out.println(line(scale, r, result));
        }
        measured.add(new Scale(scale, rows, generated, results));
        postgres.dropDatabase(database);
      }
    } finally {
      try (var paths = Files.walk(runs)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    String report = markdown("SyncBenchmark " + String.join(" ", arguments), measured);
    reportOptions.write("sync", report);
    return 0;
  }

  private static SyncScenario.Round checked(SyncScenario.Round round) {
    List<String> problems = round.problems();
    if (!problems.isEmpty()) {
      throw new BenchmarkHarness.WrongLoadException(
          "round " + round.round() + " went wrong:\n  " + String.join("\n  ", problems));
    }
    return round;
  }

  private static String line(String scale, int round, SyncScenario.Round r) {
    return String.format(
        Locale.ROOT,
        "%s, round %d: load %.2f s; unchanged sync %.2f s (%.3f×), %,d rows read, %,d keys checked;"
            + " watermarked sync %.2f s (%.3f×), %,d rows read, %,d keys checked, %,d changed rows;"
            + " verification %.2f s",
        scale,
        round,
        seconds(r.load()),
        seconds(r.unchanged().elapsed()),
        ratio(r, r.unchanged()),
        r.unchanged().rowsRead(),
        r.unchanged().keysChecked(),
        seconds(r.changed().elapsed()),
        ratio(r, r.changed()),
        r.changed().rowsRead(),
        r.changed().keysChecked(),
        r.changes().total(),
        seconds(r.verification()));
  }

  /** The scales' figures in Markdown: the goals by median, each round, each step's time. */
  static String markdown(String command, List<Scale> scales) {
    StringBuilder out = new StringBuilder();
    out.append("#### Sync against a full load (").append(command).append(")\n\n");
    out.append("| scale | goal | full load s | sync s | sync ÷ load | met |\n");
    out.append("| --- | --- | ---: | ---: | ---: | --- |\n");
    for (Scale scale : scales) {
      double load = median(scale.rounds(), r -> seconds(r.load()));
      double unchanged = median(scale.rounds(), r -> seconds(r.unchanged().elapsed()));
      double changed = median(scale.rounds(), r -> seconds(r.changed().elapsed()));
      goal(
          out,
          scale.name(),
          "unchanged, no watermark ≤ " + UNCHANGED_GOAL,
          load,
          unchanged,
          UNCHANGED_GOAL);
      goal(
          out,
          scale.name(),
          "1% changed, watermarks ≤ " + WATERMARKED_GOAL,
          load,
          changed,
          WATERMARKED_GOAL);
    }
    out.append("\nMedians of the rounds; the ratio is of the medians.\n\n#### Rounds\n\n");
    out.append(
        "| scale | round | full load s | unchanged sync s | ÷ load | rows read | keys checked"
            + " | rows changed | watermarked sync s | ÷ load | rows read | keys checked | inserted"
            + " | updated | unchanged | deleted | datoms | retracted | verification s |\n");
    out.append("| --- | ---: |").append(" ---: |".repeat(17)).append('\n');
    for (Scale scale : scales) {
      int n = 1;
      for (SyncScenario.Round r : scale.rounds()) {
        SyncScenario.Phase u = r.unchanged();
        SyncScenario.Phase c = r.changed();
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %.3f | %,d | %,d | %,d | %.2f | %.3f | %,d | %,d | %,d |"
                    + " %,d | %,d | %,d | %,d | %,d | %.2f |%n",
                scale.name(),
                n++,
                seconds(r.load()),
                seconds(u.elapsed()),
                ratio(r, u),
                u.rowsRead(),
                u.keysChecked(),
                r.changes().total(),
                seconds(c.elapsed()),
                ratio(r, c),
                c.rowsRead(),
                c.keysChecked(),
                c.inserted(),
                c.updated(),
                c.unchanged(),
                c.deleted(),
                c.datoms(),
                c.retracted(),
                seconds(r.verification())));
      }
    }
    out.append("\n#### Time per step of the syncs (median s)\n\n");
    out.append(
        "| scale | step | unchanged sync | watermarked sync |\n| --- | --- | ---: | ---: |\n");
    for (Scale scale : scales) {
      Set<String> steps = new LinkedHashSet<>();
      for (SyncScenario.Round r : scale.rounds()) {
        steps.addAll(r.unchanged().steps().keySet());
        steps.addAll(r.changed().steps().keySet());
      }
      for (String step : steps) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.2f | %.2f |%n",
                scale.name(),
                step,
                median(
                    scale.rounds(),
                    r -> seconds(r.unchanged().steps().getOrDefault(step, Duration.ZERO))),
                median(
                    scale.rounds(),
                    r -> seconds(r.changed().steps().getOrDefault(step, Duration.ZERO)))));
      }
      // a step's reported time leaves out its delete pass and its count of the target's entities
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | rest: delete passes, entity counts, schema, run record | %.2f | %.2f |%n",
              scale.name(),
              median(scale.rounds(), r -> seconds(r.unchanged().outsideSteps())),
              median(scale.rounds(), r -> seconds(r.changed().outsideSteps()))));
    }
    return out.toString();
  }

  private static void goal(
      StringBuilder out, String scale, String goal, double load, double sync, double limit) {
    double ratio = sync / load;
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %.2f | %.2f | %.3f | %s |%n",
            scale,
            goal,
            load,
            sync,
            ratio,
            ratio <= limit ? "yes" : "**no**"));
  }

  private static double ratio(SyncScenario.Round round, SyncScenario.Phase phase) {
    return seconds(phase.elapsed()) / seconds(round.load());
  }

  static double median(
      List<SyncScenario.Round> rounds, ToDoubleFunction<SyncScenario.Round> value) {
    double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** The measured rounds of one scale. */
  record Scale(String name, long rows, Duration generated, List<SyncScenario.Round> rounds) {}
}
