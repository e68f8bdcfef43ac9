package io.datomize.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One run of {@link ExampleMigration} through its entry method, with what it printed. */
record ExampleRun(int exitCode, String out, String err) {
  static ExampleRun of(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ExampleMigration.execute(outStream, errStream, environment, args);
    }
    return new ExampleRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static ExampleRun of(String... args) {
    return of(Map.of(), args);
  }

  /** Everything printed, for assertion messages. */
  String printed() {
    return out + err;
  }

  /** The report.json of the only run in {@code runs}. */
  static JsonNode onlyReport(Path runs) {
    try (Stream<Path> folders = Files.list(runs)) {
      List<Path> all = folders.toList();
      if (all.size() != 1) {
        throw new AssertionError("expected one run in " + runs + ", found " + all);
      }
      return new ObjectMapper().readTree(all.get(0).resolve("report.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
