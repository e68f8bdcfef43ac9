package io.datomize.internal.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids name their start, {@code 20261121T053341.123Z-7f3a9c}: a resumed run reads its start time
 * back from the id, so that every default-now value it writes equals what the first attempt wrote.
 */
public final class RunIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String SYNC = "-sync-";
  private static final String BULK = "-bulk-";

  private RunIds() {}

  public static String newId(Instant start) {
    return FORMAT.format(start)
        + "-"
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  /** The id of a sync, {@code 20261121T053341.123Z-sync-7f3a9c}: a resume knows it for one. */
  public static String newSyncId(Instant start) {
    return FORMAT.format(start)
        + SYNC
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  public static boolean isSync(String runId) {
    return runId.contains(SYNC);
  }

  /** The id of a bulk load, {@code 20261121T053341.123Z-bulk-7f3a9c}. */
  public static String newBulkId(Instant start) {
    return FORMAT.format(start)
        + BULK
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  public static boolean isBulk(String runId) {
    return runId.contains(BULK);
  }

  /** The start of the run, truncated to milliseconds as the id keeps it. */
  public static Instant startOf(String runId) {
    int dash = runId.indexOf('-');
    try {
      return Instant.from(FORMAT.parse(dash < 0 ? runId : runId.substring(0, dash)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + runId
              + "' is not a Datomize run id such as 20261121T053341.123Z-7f3a9c"
              + " (the id a run reports and a failed run's exception names)",
          e);
    }
  }
}
