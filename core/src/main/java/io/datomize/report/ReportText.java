package io.datomize.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.datomize.catalog.TableName;
import io.datomize.verify.BridgeVerification;
import io.datomize.verify.TableVerification;
import io.datomize.verify.VerificationReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** The readable and the JSON form of a {@link MigrationReport}. */
final class ReportText {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ReportText() {}

  static String summary(MigrationReport report) {
    return report.sync() ? syncSummary(report) : loadSummary(report);
  }

  /**
   * Per step: rows read, inserted, updated, unchanged, rejected, entities (or links) deleted,
   * datoms asserted and retracted, time.
   */
  private static String syncSummary(MigrationReport report) {
    int width =
        Math.max(
            30, report.steps().stream().mapToInt(s -> s.stepId().length()).max().orElse(0) + 2);
    String row = "%-" + width + "s %10s %10s %10s %10s %9s %9s %10s %10s %9s%n";
    String line = "-".repeat(width + 98) + System.lineSeparator();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "sync %s%s%n", report.runId(), report.dryRun() ? " (dry run)" : ""));
    out.append(
        String.format(
            Locale.ROOT,
            row,
            "step",
            "read",
            "inserted",
            "updated",
            "unchanged",
            "rejected",
            "deleted",
            "asserted",
            "retracted",
            "time"));
    out.append(line);
    for (StepReport step : report.steps()) {
      out.append(
          String.format(
              Locale.ROOT,
              row,
              step.stepId(),
              step.rowsRead(),
              step.rowsInserted(),
              step.rowsUpdated(),
              step.rowsUnchanged(),
              step.rowsRejected(),
              step.entitiesDeleted(),
              step.datoms(),
              step.datomsRetracted(),
              seconds(step.duration())));
    }
    out.append(line);
    out.append(
        String.format(
            Locale.ROOT,
            row,
            "total",
            report.rowsRead(),
            sum(report, StepReport::rowsInserted),
            sum(report, StepReport::rowsUpdated),
            sum(report, StepReport::rowsUnchanged),
            report.rowsRejected(),
            sum(report, StepReport::entitiesDeleted),
            report.datoms(),
            sum(report, StepReport::datomsRetracted),
            seconds(report.duration())));
    return out.append(footer(report)).toString();
  }

  private static long sum(MigrationReport report, ToLongFunction<StepReport> count) {
    return report.steps().stream().mapToLong(count).sum();
  }

  private static String footer(MigrationReport report) {
    StringBuilder out = new StringBuilder();
    report
        .indexing()
        .ifPresent(
            took ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "%s in %s%n",
                        report.bulkLoad() ? "indexed and unique attributes constrained" : "indexed",
                        seconds(took).strip())));
    report
        .rejectsFile()
        .ifPresent(f -> out.append("rejected rows: ").append(f).append(System.lineSeparator()));
    out.append(notMigrated(report.notMigrated()));
    report.verification().ifPresent(v -> out.append(v.summary()));
    return out.toString();
  }

  private static String loadSummary(MigrationReport report) {
    int width =
        Math.max(
            30, report.steps().stream().mapToInt(s -> s.stepId().length()).max().orElse(0) + 2);
    String row = "%-" + width + "s %12s %12s %10s %14s %10s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "run %s%s%n", report.runId(), report.dryRun() ? " (dry run)" : ""));
    out.append(
        String.format(Locale.ROOT, row, "step", "read", "loaded", "rejected", "datoms", "time"));
    out.append("-".repeat(width + 63)).append(System.lineSeparator());
    for (StepReport step : report.steps()) {
      out.append(
          String.format(
              Locale.ROOT,
              row,
              step.stepId(),
              step.rowsRead(),
              step.rowsLoaded(),
              step.rowsRejected(),
              step.datoms(),
              seconds(step.duration())));
    }
    out.append("-".repeat(width + 63)).append(System.lineSeparator());
    out.append(
        String.format(
            Locale.ROOT,
            row,
            "total",
            report.rowsRead(),
            report.steps().stream().mapToLong(StepReport::rowsLoaded).sum(),
            report.rowsRejected(),
            report.datoms(),
            seconds(report.duration())));
    return out.append(footer(report)).toString();
  }

  /** Grouped by table: {@code public.users: password_hash (skipped by the mapping)}. */
  private static String notMigrated(List<NotMigrated> left) {
    StringBuilder out =
        new StringBuilder("not migrated: ")
            .append(
                left.isEmpty()
                    ? "nothing, every column of every" + " table is loaded"
                    : left.size() + (left.size() == 1 ? " column or table" : " columns or tables"))
            .append(System.lineSeparator());
    Map<TableName, List<NotMigrated>> byTable = new TreeMap<>();
    left.forEach(n -> byTable.computeIfAbsent(n.table(), t -> new ArrayList<>()).add(n));
    byTable.forEach(
        (table, items) -> {
          out.append("  ").append(table).append(": ");
          for (int i = 0; i < items.size(); i++) {
            NotMigrated n = items.get(i);
            out.append(i == 0 ? "" : ", ")
                .append(n.column().orElse("the whole table"))
                .append(" (")
                .append(n.reason())
                .append(')');
          }
          out.append(System.lineSeparator());
        });
    return out.toString();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3fs", duration.toNanos() / 1e9);
  }

  static String json(MigrationReport report) {
    return json(
        json -> {
          json.writeStartObject();
          json.writeStringField("runId", report.runId());
          json.writeStringField("started", report.started().toString());
          json.writeStringField("finished", report.finished().toString());
          json.writeBooleanField("dryRun", report.dryRun());
          json.writeBooleanField("sync", report.sync());
          json.writeBooleanField("bulkLoad", report.bulkLoad());
          if (report.indexing().isPresent()) {
            json.writeNumberField("indexingSeconds", report.indexing().get().toNanos() / 1e9);
          }
          json.writeBooleanField("succeeded", report.succeeded());
          json.writeNumberField("rowsRead", report.rowsRead());
          json.writeNumberField("rowsRejected", report.rowsRejected());
          json.writeNumberField("datoms", report.datoms());
          json.writeStringField(
              "rejectsFile", report.rejectsFile().map(Object::toString).orElse(null));
          json.writeArrayFieldStart("notMigrated");
          for (NotMigrated n : report.notMigrated()) {
            json.writeStartObject();
            json.writeStringField("table", n.table().toString());
            json.writeStringField("column", n.column().orElse(null));
            json.writeStringField("reason", n.reason());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("steps");
          for (StepReport s : report.steps()) {
            json.writeStartObject();
            json.writeStringField("step", s.stepId());
            json.writeStringField("table", s.table().toString());
            json.writeNumberField("rowsRead", s.rowsRead());
            json.writeNumberField("rowsLoaded", s.rowsLoaded());
            json.writeNumberField("rowsRejected", s.rowsRejected());
            json.writeNumberField("rowsWithoutData", s.rowsWithoutData());
            json.writeNumberField("datoms", s.datoms());
            json.writeNumberField("datomsRetracted", s.datomsRetracted());
            if (report.sync()) {
              json.writeNumberField("rowsInserted", s.rowsInserted());
              json.writeNumberField("rowsUpdated", s.rowsUpdated());
              json.writeNumberField("rowsUnchanged", s.rowsUnchanged());
              json.writeNumberField("keysChecked", s.keysChecked());
              json.writeNumberField("entitiesDeleted", s.entitiesDeleted());
            }
            json.writeNumberField("transactions", s.transactions());
            json.writeNumberField("seconds", s.duration().toNanos() / 1e9);
            json.writeStringField("resumedAfter", s.resumedAfter().orElse(null));
            json.writeEndObject();
          }
          json.writeEndArray();
          if (report.verification().isPresent()) {
            json.writeFieldName("verification");
            verification(json, report.verification().get());
          }
          json.writeEndObject();
        });
  }

  private static void verification(JsonGenerator json, VerificationReport v) throws IOException {
    json.writeStartObject();
    json.writeBooleanField("passed", v.passed());
    json.writeBooleanField("sampled", v.sampled());
    json.writeNumberField("sampleEvery", v.sampleEvery());
    strings(json, "compared", v.checks());
    json.writeArrayFieldStart("tables");
    for (TableVerification t : v.tables()) {
      json.writeStartObject();
      json.writeStringField("table", t.table().toString());
      json.writeBooleanField("passed", t.passed());
      json.writeNumberField("sourceRows", t.sourceRows());
      json.writeNumberField("rejectedRows", t.rejectedRows());
      json.writeNumberField("entities", t.entities());
      json.writeNumberField("compared", t.compared());
      json.writeNumberField("mismatches", t.mismatches());
      json.writeNumberField("sourceRefs", t.sourceRefs());
      json.writeNumberField("targetRefs", t.targetRefs());
      strings(json, "examples", t.examples());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("bridges");
    for (BridgeVerification b : v.bridges()) {
      json.writeStartObject();
      json.writeStringField("table", b.table().toString());
      json.writeStringField("attribute", b.attribute().toString());
      json.writeBooleanField("passed", b.passed());
      json.writeNumberField("sourceRows", b.sourceRows());
      json.writeNumberField("rejectedRows", b.rejectedRows());
      json.writeNumberField("values", b.values());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void strings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** What {@code body} writes with Jackson's streaming writer, as a string. */
  static String json(JsonBody body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to a string", e);
    }
    return out.toString();
  }

  /** Writes one JSON document. */
  interface JsonBody {
    void write(JsonGenerator json) throws IOException;
  }
}
