package io.datomize.plan;

import java.util.List;

/** Compares the target with the source: row counts, values, refs and bridge links. */
public record VerifyStep() implements PlanStep {
  @Override
  public String id() {
    return "verify";
  }

  @Override
  public List<String> keyColumns() {
    return List.of();
  }
}
