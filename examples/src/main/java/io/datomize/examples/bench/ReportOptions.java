package io.datomize.examples.bench;

import io.datomize.examples.queryfeed.QueryfeedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * The options every benchmark shares (a picocli mixin): the generator's seed, and where the
 * Markdown report goes.
 */
final class ReportOptions {
  @Option(
      names = "--seed",
      defaultValue = "" + QueryfeedDatabase.DEFAULT_SEED,
      description = "Seed of the generated data and of any changes made to it.")
  long seed;

  @Option(
      names = "--output",
      description = "Markdown report file (default target/benchmarks/<benchmark>-<time>.md).")
  Path output;

  /**
   * Writes the report to {@code --output}, or to a new file named after the benchmark, and prints
   * it.
   */
  void write(String benchmark, String markdown) throws IOException {
    Path file =
        output != null
            ? output
            : Path.of(
                "target",
                "benchmarks",
                benchmark
                    + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".md");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown);
    System.out.println();
    System.out.println(markdown);
    System.out.println("written to " + file.toAbsolutePath());
  }
}
