package io.datomize.report;

import io.datomize.verify.BridgeVerification;
import io.datomize.verify.TableVerification;
import io.datomize.verify.VerificationReport;
import io.datomize.catalog.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The readable and the JSON form of a {@link MigrationReport}. */
final class ReportText {
  private ReportText() {}

  static String summary(MigrationReport report) {
    int width = Math.max(30, report.steps().stream().mapToInt(s -> s.stepId().length()).max().orElse(0) + 2);
    String row = "%-" + width + "s %12s %12s %10s %14s %10s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "run %s%s%n", report.runId(), report.dryRun() ? " (dry run)" : ""));
    out.append(String.format(Locale.ROOT, row, "step", "read", "loaded", "rejected", "datoms", "time"));
    out.append("-".repeat(width + 63)).append(System.lineSeparator());
    for (StepReport step : report.steps()) {
      out.append(String.format(Locale.ROOT, row, step.stepId(), step.rowsRead(), step.rowsLoaded(),
          step.rowsRejected(), step.datoms(), seconds(step.duration())));
    }
    out.append("-".repeat(width + 63)).append(System.lineSeparator());
    out.append(String.format(Locale.ROOT, row, "total", report.rowsRead(),
        report.steps().stream().mapToLong(StepReport::rowsLoaded).sum(), report.rowsRejected(), report.datoms(),
        seconds(report.duration())));
    report.rejectsFile().ifPresent(f -> out.append("rejected rows: ").append(f).append(System.lineSeparator()));
    out.append(notMigrated(report.notMigrated()));
    report.verification().ifPresent(v -> out.append(v.summary()));
    return out.toString();
  }

  /** Grouped by table: {@code public.users: password_hash (skipped by the mapping)}. */
  private static String notMigrated(List<NotMigrated> left) {
    StringBuilder out = new StringBuilder("not migrated: ").append(left.isEmpty() ? "nothing, every column of every"
        + " table is loaded" : left.size() + (left.size() == 1 ? " column or table" : " columns or tables"))
        .append(System.lineSeparator());
    Map<TableName, List<NotMigrated>> byTable = new TreeMap<>();
    left.forEach(n -> byTable.computeIfAbsent(n.table(), t -> new ArrayList<>()).add(n));
    byTable.forEach((table, items) -> {
      out.append("  ").append(table).append(": ");
      for (int i = 0; i < items.size(); i++) {
        NotMigrated n = items.get(i);
        out.append(i == 0 ? "" : ", ").append(n.column().orElse("the whole table")).append(" (").append(n.reason())
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
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("runId", report.runId());
    root.put("started", report.started().toString());
    root.put("finished", report.finished().toString());
    root.put("dryRun", report.dryRun());
    root.put("succeeded", report.succeeded());
    root.put("rowsRead", report.rowsRead());
    root.put("rowsRejected", report.rowsRejected());
    root.put("datoms", report.datoms());
    root.put("rejectsFile", report.rejectsFile().map(Object::toString).orElse(null));
    List<Object> left = new ArrayList<>();
    for (NotMigrated n : report.notMigrated()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("table", n.table().toString());
      item.put("column", n.column().orElse(null));
      item.put("reason", n.reason());
      left.add(item);
    }
    root.put("notMigrated", left);
    List<Object> steps = new ArrayList<>();
    for (StepReport s : report.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("step", s.stepId());
      step.put("table", s.table().toString());
      step.put("rowsRead", s.rowsRead());
      step.put("rowsLoaded", s.rowsLoaded());
      step.put("rowsRejected", s.rowsRejected());
      step.put("rowsWithoutData", s.rowsWithoutData());
      step.put("datoms", s.datoms());
      step.put("transactions", s.transactions());
      step.put("seconds", s.duration().toNanos() / 1e9);
      step.put("resumedAfter", s.resumedAfter().orElse(null));
      steps.add(step);
    }
    root.put("steps", steps);
    report.verification().ifPresent(v -> root.put("verification", verificationJson(v)));
    return Json.write(root);
  }

  private static Map<String, Object> verificationJson(VerificationReport v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("passed", v.passed());
    out.put("sampled", v.sampled());
    out.put("sampleEvery", v.sampleEvery());
    out.put("compared", v.checks());
    List<Object> tables = new ArrayList<>();
    for (TableVerification t : v.tables()) {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("table", t.table().toString());
      table.put("passed", t.passed());
      table.put("sourceRows", t.sourceRows());
      table.put("rejectedRows", t.rejectedRows());
      table.put("entities", t.entities());
      table.put("compared", t.compared());
      table.put("mismatches", t.mismatches());
      table.put("sourceRefs", t.sourceRefs());
      table.put("targetRefs", t.targetRefs());
      table.put("examples", t.examples());
      tables.add(table);
    }
    out.put("tables", tables);
    List<Object> bridges = new ArrayList<>();
    for (BridgeVerification b : v.bridges()) {
      Map<String, Object> bridge = new LinkedHashMap<>();
      bridge.put("table", b.table().toString());
      bridge.put("attribute", b.attribute().toString());
      bridge.put("passed", b.passed());
      bridge.put("sourceRows", b.sourceRows());
      bridge.put("rejectedRows", b.rejectedRows());
      bridge.put("values", b.values());
      bridges.add(bridge);
    }
    out.put("bridges", bridges);
    return out;
  }
}
