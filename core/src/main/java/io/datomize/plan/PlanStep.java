package io.datomize.plan;

import java.util.List;

/**
 * One step of a {@link Plan}. Steps are values: planning the same input twice gives equal steps.
 */
public sealed interface PlanStep permits InstallSchemaStep, RowStep, VerifyStep {
  /**
   * A stable name such as {@code load public.users}: checkpoints are recorded under it, so a
   * resumed run finds the work a previous run committed for the same step.
   */
  String id();

  /**
   * The columns whose values order the rows the step reads and form its resume cursor; empty for
   * other steps.
   */
  List<String> keyColumns();
}
