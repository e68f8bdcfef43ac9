package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.plan.BridgeStep;
import io.datomize.plan.Plan;
import io.datomize.plan.RowStep;
import io.datomize.run.RunOptions;
import io.datomize.spi.ChangedSince;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowSource;
import io.datomize.spi.RunRecord;
import io.datomize.spi.TargetSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The watermarks of one run: before a watermarked table is first read, the greatest value of its
 * watermark column, which the run records when it ends; and for a sync, the value the last run
 * recorded, since which it reads only the changed rows. A table without a recorded watermark is
 * read in full.
 */
final class Watermarks {
  private final RowSource source;
  private final Map<TableName, String> columns;
  private final Map<String, RowKey> previous = new HashMap<>();
  private final Map<String, RowKey> taken = new HashMap<>();

  /**
   * @param readsSince whether reads start at the recorded watermarks (a new sync); a load or a
   *     resumed run reads every row
   */
  Watermarks(Plan plan, RowSource source, TargetSink sink, RunOptions options, boolean readsSince) {
    this.source = source;
    this.columns = options.watermarks();
    for (TableName table : columns.keySet()) {
      if (plan.mapping().entity(table).isEmpty()) {
        throw new IllegalArgumentException(
            "a watermark is set for "
                + table
                + ", which the mapping does not map to entities; tables mapped are "
                + plan.mapping().entities().stream().map(e -> e.table().toString()).toList());
      }
    }
    if (readsSince && !columns.isEmpty()) {
      List<RunRecord> runs = sink.runRecords();
      for (RunRecord run : runs) {
        previous.putAll(run.watermarks());
      }
    }
  }

  /** Takes the table's watermark the first time one of its steps runs. */
  void take(RowStep step) {
    String column = columns.get(step.table());
    if (column != null && !(step instanceof BridgeStep) && !taken.containsKey(key(step))) {
      source.highWatermark(step.table(), column).ifPresent(high -> taken.put(key(step), high));
    }
  }

  Optional<ChangedSince> changedSince(RowStep step) {
    String column = columns.get(step.table());
    if (column == null || step instanceof BridgeStep) {
      return Optional.empty();
    }
    return Optional.ofNullable(previous.get(key(step))).map(v -> new ChangedSince(column, v));
  }

  Map<String, RowKey> taken() {
    return Map.copyOf(taken);
  }

  private static String key(RowStep step) {
    return step.table().toString();
  }
}
