package io.datomize.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner, {@code examples/target/datomize.jar}, started as a user starts it: {@code
 * java -jar}.
 */
class RunnableJarIT {
  private static final Path JAR = Path.of("target", "datomize.jar");
  private static final String VERSION = System.getProperty("datomize.version");

  @TempDir Path out;

  @Test
  void prints_its_usage_with_help() throws Exception {
    Result result = run("--help");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("Usage: datomize-example", "--jdbc-url", "--conventions", "Exit codes:");
  }

  @Test
  void explains_the_plan_of_a_generated_database() throws Exception {
    Result result = run("--explain", "--rows", "1000", "--out", out.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Plan:", "load public.users", "bridge public.post_tags");
    assertThat(out.resolve("schema.edn")).exists();
    assertThat(result.output())
        .as("jOOQ's banner, tip and version warning are not the user's business")
        .doesNotContain("Thank you for using jOOQ", "tip of the day", "Version mismatch");
  }

  @Test
  void every_jar_names_its_module_for_the_module_path() throws IOException {
    Map<String, String> expected =
        Map.of(
            "core",
            "io.datomize.core",
            "jdbc-reader",
            "io.datomize.jdbc",
            "datomic-writer",
            "io.datomize.datomic");
    for (Map.Entry<String, String> module : expected.entrySet()) {
      Path jar =
          Path.of(
              "..",
              module.getKey(),
              "target",
              "datomize-" + module.getKey() + "-" + VERSION + ".jar");
      try (JarFile file = new JarFile(jar.toFile())) {
        assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
            .as(jar.toString())
            .isEqualTo(module.getValue());
      }
    }
    try (JarFile runner = new JarFile(JAR.toFile())) {
      assertThat(runner.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("io.datomize.examples");
    }
  }

  @Test
  void migrates_and_ends_within_seconds_of_its_last_line() throws Exception {
    Result result = run("--rows", "1000", "--out", out.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("verification: PASSED", "report:");
    // Datomic's Peer threads would keep the JVM alive for about a minute after main unless the
    // runner ends the Peer.
    assertThat(result.endedAfterReport())
        .as("time from the runner's last line to the end of the process")
        .isLessThan(Duration.ofSeconds(30));
  }

  /**
   * {@code endedAfterReport}: from the line naming the report (the runner's last) to the end of the
   * process.
   */
  private record Result(int exitCode, String output, Duration endedAfterReport) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    long report = System.nanoTime();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("report:")) {
          report = System.nanoTime();
        }
      }
    }
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the runner ended").isTrue();
    return new Result(
        process.exitValue(), output.toString(), Duration.ofNanos(System.nanoTime() - report));
  }
}
