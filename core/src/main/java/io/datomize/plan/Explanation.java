package io.datomize.plan;

import io.datomize.catalog.TableName;
import io.datomize.model.RefMapping;
import io.datomize.spi.ContentKey;
import java.util.List;

/** The text of {@link Plan#explain()}. */
final class Explanation {
  private final Plan plan;
  private final StringBuilder out = new StringBuilder();

  Explanation(Plan plan) {
    this.plan = plan;
  }

  String text() {
    out.append("Plan: ")
        .append(count(plan.steps(LoadStep.class).size(), "table"))
        .append(" to load, ")
        .append(plan.steps(LinkStep.class).size())
        .append(" to link, ")
        .append(count(plan.steps(BridgeStep.class).size(), "bridge"))
        .append("; batch size ")
        .append(plan.options().batchSize())
        .append('\n');
    int number = 1;
    for (PlanStep step : plan.steps()) {
      out.append(String.format("%3d. ", number++)).append(step.id());
      if (step instanceof InstallSchemaStep install) {
        out.append(": ")
            .append(install.schema().attributes().size())
            .append(" attributes, ")
            .append(install.schema().enumIdents().size())
            .append(" enum idents\n");
      } else if (step instanceof LoadStep load) {
        describeRead(load.keyColumns(), load.estimatedRows());
        if (load.inlineRefs().isEmpty()) {
          line("first: references no table loaded before it");
        }
        for (RefMapping ref : load.inlineRefs()) {
          line(
              "after "
                  + ref.target()
                  + ": "
                  + load.table().name()
                  + "."
                  + columns(ref.columns())
                  + " references "
                  + ref.target().name());
        }
        for (RefMapping ref : load.deferredRefs()) {
          line("leaves " + ref.attribute() + " to the link step");
        }
      } else if (step instanceof LinkStep link) {
        describeRead(link.keyColumns(), link.estimatedRows());
        for (RefMapping ref : link.deferredRefs()) {
          line(
              ref.attribute()
                  + " from "
                  + link.table().name()
                  + "."
                  + columns(ref.columns())
                  + " to "
                  + ref.target());
        }
      } else if (step instanceof BridgeStep bridge) {
        describeRead(bridge.keyColumns(), bridge.estimatedRows());
        line(
            "each row adds one "
                + bridge.bridge().target()
                + " to "
                + bridge.bridge().attribute()
                + " of its "
                + bridge.bridge().owner());
      } else {
        out.append(": row counts, values, refs and bridge links against the source\n");
      }
    }
    list(
        "Deferred refs (asserted by link steps after every load)",
        plan.deferredRefs().stream().map(DeferredRef::explanation).toList());
    list("Warnings", plan.warnings());
    return out.toString();
  }

  private void describeRead(List<String> keyColumns, long estimatedRows) {
    if (ContentKey.isContentKey(keyColumns)) {
      out.append(": key (content: hash of the row's values, occurrence among equal rows), ");
    } else {
      out.append(": key (").append(String.join(", ", keyColumns)).append("), ");
    }
    if (estimatedRows < 0) {
      out.append("row count unknown\n");
    } else {
      long batches = (estimatedRows + plan.options().batchSize() - 1) / plan.options().batchSize();
      out.append('~')
          .append(count(estimatedRows, "row"))
          .append(" in ")
          .append(count(batches, "batch"))
          .append('\n');
    }
  }

  private void line(String text) {
    out.append("       ").append(text).append('\n');
  }

  private void list(String title, List<String> items) {
    out.append(title).append(": ").append(items.isEmpty() ? "none" : items.size()).append('\n');
    items.forEach(item -> out.append("  - ").append(item).append('\n'));
  }

  private static String count(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun.endsWith("h") ? noun + "es" : noun + "s");
  }

  static String columns(List<String> columns) {
    return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
  }

  static String qualified(TableName table, List<String> columns) {
    return table + "." + columns(columns);
  }
}
