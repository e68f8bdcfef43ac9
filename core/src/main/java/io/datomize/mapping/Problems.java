package io.datomize.mapping;

import io.datomize.catalog.TableName;
import java.util.ArrayList;
import java.util.List;

/** Collects mapping problems, so that one build reports all of them. */
final class Problems {
  private final List<MappingProblem> problems = new ArrayList<>();

  void add(TableName table, List<String> columns, String problem, String fix) {
    problems.add(MappingProblem.of(table, columns, problem, fix));
  }

  void add(TableName table, String column, String problem, String fix) {
    add(table, List.of(column), problem, fix);
  }

  void addMapping(String problem, String fix) {
    problems.add(MappingProblem.ofMapping(problem, fix));
  }

  void addAll(List<MappingProblem> more) {
    problems.addAll(more);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<MappingProblem> list() {
    return List.copyOf(problems);
  }

  /** The DSL call that selects a table, for fixes: {@code .table("users")}. */
  static String tableCall(TableName table) {
    return ".table(" + quote(name(table)) + ")";
  }

  /** A table as the DSL takes it: unqualified in {@code public}. */
  static String name(TableName table) {
    return TableName.DEFAULT_SCHEMA.equals(table.schema()) ? table.name() : table.toString();
  }

  static String quote(String text) {
    return '"'
        + text.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        + '"';
  }

  static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(Problems::quote).toList());
  }
}
