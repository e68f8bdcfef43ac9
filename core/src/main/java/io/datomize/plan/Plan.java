package io.datomize.plan;

import io.datomize.model.Mapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered steps of a migration: install schema, load tables after the tables they reference,
 * link deferred refs, collapse bridges, verify. Made by {@link Planner#plan}; {@link #explain()}
 * prints it for review before a run.
 */
public final class Plan {
  private final Mapping mapping;
  private final PlanOptions options;
  private final List<PlanStep> steps;
  private final List<DeferredRef> deferredRefs;
  private final List<String> warnings;

  Plan(
      Mapping mapping,
      PlanOptions options,
      List<PlanStep> steps,
      List<DeferredRef> deferredRefs,
      List<String> warnings) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.options = Objects.requireNonNull(options, "options");
    this.steps = List.copyOf(steps);
    this.deferredRefs = List.copyOf(deferredRefs);
    this.warnings = List.copyOf(warnings);
  }

  public Mapping mapping() {
    return mapping;
  }

  public PlanOptions options() {
    return options;
  }

  /** The steps in execution order. */
  public List<PlanStep> steps() {
    return steps;
  }

  /** The step with that {@link PlanStep#id()}. */
  public Optional<PlanStep> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The steps of one kind, in execution order. */
  public <T extends PlanStep> List<T> steps(Class<T> kind) {
    return steps.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** Every ref asserted in a link step rather than with its entity, and why. */
  public List<DeferredRef> deferredRefs() {
    return deferredRefs;
  }

  /**
   * What the migration will lose or leave out: array order, text stand-ins, skipped columns and
   * tables, ....
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * A readable account of the plan: the order and why, deferred refs and why, batches, bridges and
   * warnings.
   */
  public String explain() {
    return new Explanation(this).text();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Plan p
        && mapping.equals(p.mapping)
        && options.equals(p.options)
        && steps.equals(p.steps)
        && deferredRefs.equals(p.deferredRefs)
        && warnings.equals(p.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(steps, deferredRefs, warnings);
  }

  @Override
  public String toString() {
    return "Plan" + steps.stream().map(PlanStep::id).toList();
  }
}
