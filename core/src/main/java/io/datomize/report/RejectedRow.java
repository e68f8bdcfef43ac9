package io.datomize.report;

import io.datomize.spi.RowKey;
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
   * One JSON object: step, table, key (column to value), column, value (cut to {@value
   * io.datomize.report.RowError#MAX_VALUE_LENGTH} characters) and reason of the first bad column;
   * when the row has several, {@code failures} lists each as {@code {column, value, reason}}, the
   * first included.
   */
  public String toJsonLine() {
    RowError e = error();
    return ReportText.json(
        json -> {
          json.writeStartObject();
          json.writeStringField("step", stepId());
          json.writeStringField("table", e.table().toString());
          json.writeObjectFieldStart("key");
          for (int i = 0; i < e.key().size(); i++) {
            json.writeStringField(
                i < e.keyColumns().size() ? e.keyColumns().get(i) : "key" + i,
                RowKey.text(e.key().get(i)));
          }
          json.writeEndObject();
          json.writeStringField("column", e.column().orElse(null));
          json.writeStringField("value", e.value().orElse(null));
          json.writeStringField("reason", e.reason());
          if (!e.otherFailures().isEmpty()) {
            json.writeArrayFieldStart("failures");
            for (ColumnFailure f : e.failures()) {
              json.writeStartObject();
              json.writeStringField("column", f.column());
              json.writeStringField("value", f.value());
              json.writeStringField("reason", f.reason());
              json.writeEndObject();
            }
            json.writeEndArray();
          }
          json.writeEndObject();
        });
  }

  public static class Builder extends ImmutableRejectedRow.Builder {}
}
