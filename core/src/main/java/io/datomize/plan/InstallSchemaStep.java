package io.datomize.plan;

import io.datomize.target.TargetSchema;
import java.util.List;
import java.util.Objects;

/** Installs the attributes and enum idents the mapping needs; idempotent. */
public record InstallSchemaStep(TargetSchema schema) implements PlanStep {
  public InstallSchemaStep {
    Objects.requireNonNull(schema, "schema");
  }

  @Override
  public String id() {
    return "install schema";
  }

  @Override
  public List<String> keyColumns() {
    return List.of();
  }
}
