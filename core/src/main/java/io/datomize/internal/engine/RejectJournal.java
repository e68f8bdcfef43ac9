package io.datomize.internal.engine;

import io.datomize.report.RejectedRow;
import io.datomize.report.RowError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rejected rows of a run: {@code rejects.jsonl} for people (one JSON object per row, with the
 * reason) and {@code rejected-keys.tsv} for a resumed run and for verification (step and encoded
 * key per line). Both are appended and flushed row by row, so a crash loses none. A row rejected
 * again after a resume is recorded once.
 */
final class RejectJournal implements AutoCloseable {
  static final String REJECTS = "rejects.jsonl";
  private static final String KEYS = "rejected-keys.tsv";

  private final Path directory;
  private final Map<String, Set<String>> keysByStep = new HashMap<>();
  private BufferedWriter rejects;
  private BufferedWriter keys;

  private RejectJournal(Path directory) {
    this.directory = directory;
  }

  /**
   * The journal of run {@code runId} under {@code runDirectory}, with the rejects a previous
   * attempt recorded.
   */
  static RejectJournal open(Path runDirectory, String runId) {
    RejectJournal journal = new RejectJournal(runDirectory.resolve(runId));
    Path keyFile = journal.directory.resolve(KEYS);
    if (Files.exists(keyFile)) {
      try {
        for (String line : Files.readAllLines(keyFile, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            journal
                .keysByStep
                .computeIfAbsent(line.substring(0, tab), s -> new HashSet<>())
                .add(line.substring(tab + 1));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the rejected keys of run " + runId + " in " + keyFile, e);
      }
    }
    return journal;
  }

  /** Records a rejected row; false when the row was already recorded by this run. */
  boolean record(String stepId, RowError error) {
    String key = error.key().encode();
    if (!keysByStep.computeIfAbsent(stepId, s -> new HashSet<>()).add(key)) {
      return false;
    }
    try {
      if (rejects == null) {
        Files.createDirectories(directory);
        rejects = append(directory.resolve(REJECTS));
        keys = append(directory.resolve(KEYS));
      }
      rejects.write(RejectedRow.of(stepId, error).toJsonLine());
      rejects.newLine();
      rejects.flush();
      keys.write(stepId + "\t" + key);
      keys.newLine();
      keys.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reject file in " + directory, e);
    }
    return true;
  }

  /** Encoded keys of the rows a step rejected, in this attempt and earlier ones. */
  Set<String> rejectedKeys(String stepId) {
    return keysByStep.getOrDefault(stepId, Set.of());
  }

  long count(String stepId) {
    return rejectedKeys(stepId).size();
  }

  /** The reject file, when a row was rejected. */
  Optional<Path> file() {
    Path file = directory.resolve(REJECTS);
    return Files.exists(file) ? Optional.of(file) : Optional.empty();
  }

  private static BufferedWriter append(Path file) throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public void close() {
    if (rejects == null) {
      return;
    }
    try (BufferedWriter closingRejects = rejects;
        BufferedWriter closingKeys = keys) {
      closingRejects.flush();
      closingKeys.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the reject file in " + directory, e);
    }
  }
}
