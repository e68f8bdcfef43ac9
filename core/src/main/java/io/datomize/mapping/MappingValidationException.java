package io.datomize.mapping;

import java.util.List;

/** A mapping that does not fit its source schema; the message lists every problem with its fix. */
public final class MappingValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<MappingProblem> problems;

  public MappingValidationException(List<MappingProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<MappingProblem> problems() {
    return problems;
  }

  private static String message(List<MappingProblem> problems) {
    StringBuilder out =
        new StringBuilder()
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append(" in the mapping:");
    problems.forEach(p -> out.append("\n  - ").append(p));
    return out.toString();
  }
}
