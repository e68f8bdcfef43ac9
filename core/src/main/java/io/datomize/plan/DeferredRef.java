package io.datomize.plan;

import io.datomize.catalog.TableName;
import io.datomize.model.RefMapping;
import java.util.List;
import java.util.Objects;

/**
 * A ref that is asserted in a link step rather than with its entity, and why.
 *
 * @param cycle for {@link Reason#CYCLE}: the tables of one cycle it breaks, starting and ending
 *     with {@code table}
 */
public record DeferredRef(TableName table, RefMapping ref, Reason reason, List<TableName> cycle) {
  /** Why a ref is deferred. */
  public enum Reason {
    /**
     * The ref points into its own table, whose rows may reference rows loaded later in the same
     * load.
     */
    SELF_REFERENCE,
    /** The ref closes a cycle of references between tables. */
    CYCLE,
    /** {@link PlanOptions#deferred()} names it. */
    FORCED
  }

  public DeferredRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(reason, "reason");
    cycle = List.copyOf(cycle);
  }

  /** E.g. {@code public.a.b_id -> :a/b: breaks the cycle public.a -> public.b -> public.a}. */
  public String explanation() {
    String what = Explanation.qualified(table, ref.columns()) + " -> " + ref.attribute();
    return what
        + ": "
        + switch (reason) {
          case SELF_REFERENCE -> "self-reference (a row may reference a row loaded after it)";
          case FORCED -> "deferred on request (PlanOptions.deferred)";
          case CYCLE ->
              "breaks the cycle "
                  + String.join(" -> ", cycle.stream().map(TableName::toString).toList());
        };
  }
}
