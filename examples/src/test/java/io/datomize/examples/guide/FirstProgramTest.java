package io.datomize.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's first program, exactly as the guide prints it, compiled on its own and run in a JVM
 * of its own as a user would: it migrates a database, prints the summary, and the process ends
 * within seconds of its last line.
 */
class FirstProgramTest {
  private static final Path GUIDE = Path.of("..", "docs", "guide.md");
  private static final String MARKER =
      "<!-- snippet: examples/src/main/java/io/datomize/examples/guide/FirstMigration.java#program -->";

  @TempDir Path work;

  @Test
  void the_guides_first_program_compiles_runs_and_ends_within_seconds_of_its_last_line()
      throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    QueryfeedDatabase.create(server.createDatabase("first_program"), 1_000);
    Path source = Files.writeString(work.resolve("FirstMigration.java"), program());

    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                work.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                source.toString());
    assertThat(compiled).as("javac of the guide's program").isZero();

    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    work + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                    "FirstMigration",
                    server.jdbcUrl("first_program"),
                    server.user(),
                    "datomic:mem://first-program-" + UUID.randomUUID()))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    long lastLine = System.nanoTime();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        lastLine = System.nanoTime();
      }
    }
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the program ended").isTrue();
    Duration afterLastLine = Duration.ofNanos(System.nanoTime() - lastLine);

    assertThat(process.exitValue()).as(output.toString()).isZero();
    assertThat(output.toString()).contains("load public.users", "verification: PASSED");
    try (Stream<Path> runs = Files.list(work.resolve("datomize-runs"))) {
      assertThat(runs)
          .singleElement()
          .satisfies(run -> assertThat(run.resolve("report.json")).exists());
    }
    // Datomic's Peer keeps the JVM alive for about a minute after main unless the program ends the
    // Peer
    assertThat(afterLastLine)
        .as("time from the program's last line to the end of its JVM")
        .isLessThan(Duration.ofSeconds(30));
  }

  /** The code of the guide's first program: the java block that follows its snippet marker. */
  private static String program() throws IOException {
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    int marker = guide.indexOf(MARKER);
    assertThat(marker).as("the guide quotes the first program").isNotNegative();
    int start = guide.indexOf("```java\n", marker) + "```java\n".length();
    return guide.substring(start, guide.indexOf("```", start));
  }
}
