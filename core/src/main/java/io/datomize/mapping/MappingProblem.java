package io.datomize.mapping;

import io.datomize.catalog.TableName;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** One thing wrong with a mapping, naming the table, the columns concerned and the fix. */
@Value.Immutable
public abstract class MappingProblem {
  /**
   * The table concerned; empty when the problem is about the whole mapping (it maps no table at
   * all).
   */
  public abstract Optional<TableName> table();

  /** The columns concerned; empty when the problem is about the whole table. */
  public abstract List<String> columns();

  /** What is wrong. */
  public abstract String problem();

  /** How to fix it, usually as the DSL call to add or change. */
  public abstract String fix();

  public static MappingProblem of(
      TableName table, List<String> columns, String problem, String fix) {
    return builder().table(table).columns(columns).problem(problem).fix(fix).build();
  }

  /** A problem of the whole mapping rather than of one table. */
  public static MappingProblem ofMapping(String problem, String fix) {
    return builder().problem(problem).fix(fix).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** E.g. {@code public.users column first_name: ... Fix: ...}. */
  @Override
  public String toString() {
    String where =
        columns().isEmpty()
            ? ""
            : (columns().size() == 1 ? " column " : " columns ") + String.join(", ", columns());
    return table().map(TableName::toString).orElse("the mapping")
        + where
        + ": "
        + problem()
        + ". Fix: "
        + fix();
  }

  public static class Builder extends ImmutableMappingProblem.Builder {}
}
