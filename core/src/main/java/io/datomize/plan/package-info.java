/**
 * The migration plan: {@link io.datomize.plan.Planner} orders the work a {@link
 * io.datomize.model.Mapping} needs into {@link io.datomize.plan.PlanStep}s (install schema, load
 * tables after the tables they reference, link the refs that close cycles, collapse bridges,
 * verify) and {@link io.datomize.plan.Plan#explain()} says why.
 */
@ValueStyle
package io.datomize.plan;

import io.datomize.internal.ValueStyle;
