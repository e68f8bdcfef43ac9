package io.datomize.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** A source row that was not loaded, with the reason: one line of a run's reject file. */
@Value.Immutable
public abstract class RejectedRow {
  public abstract String stepId();

  public abstract RowError error();

  public static RejectedRow of(String stepId, RowError error) {
    return builder().stepId(stepId).error(error).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * One JSON object: step, table, key (column to value), column, value (cut to
   * {@value io.datomize.report.RowError#MAX_VALUE_LENGTH} characters) and reason of the first bad column; when the row
   * has several, {@code failures} lists each as {@code {column, value, reason}}, the first included.
   */
  public String toJsonLine() {
    Map<String, Object> key = new LinkedHashMap<>();
    RowError e = error();
    for (int i = 0; i < e.key().size(); i++) {
      key.put(i < e.keyColumns().size() ? e.keyColumns().get(i) : "key" + i, e.key().get(i).toString());
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", stepId());
    line.put("table", e.table().toString());
    line.put("key", key);
    line.put("column", e.column().orElse(null));
    line.put("value", e.value().orElse(null));
    line.put("reason", e.reason());
    if (!e.otherFailures().isEmpty()) {
      List<Object> failures = new ArrayList<>();
      for (ColumnFailure f : e.failures()) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("column", f.column());
        failure.put("value", f.value());
        failure.put("reason", f.reason());
        failures.add(failure);
      }
      line.put("failures", failures);
    }
    return Json.write(line);
  }

  public static class Builder extends ImmutableRejectedRow.Builder {}
}
