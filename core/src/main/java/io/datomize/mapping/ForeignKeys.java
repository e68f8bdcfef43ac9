package io.datomize.mapping;

import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Finding foreign keys by their columns, and lining their columns up with the key they reference.
 */
final class ForeignKeys {
  private ForeignKeys() {}

  /** The foreign key on exactly these columns, in any order. */
  static Optional<ForeignKey> on(Table table, List<String> columns) {
    return table.foreignKeys().stream()
        .filter(fk -> sameColumns(fk.columns(), columns))
        .findFirst();
  }

  /** The foreign key on exactly these columns that references {@code target}. */
  static Optional<ForeignKey> on(Table table, List<String> columns, TableName target) {
    return table.foreignKeys().stream()
        .filter(fk -> fk.target().equals(target) && sameColumns(fk.columns(), columns))
        .findFirst();
  }

  static boolean sameColumns(List<String> a, List<String> b) {
    return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
  }

  /** The referenced column of each of {@code columns}, in their order. */
  static List<String> targets(ForeignKey fk, List<String> columns) {
    return columns.stream().map(c -> fk.targetColumns().get(fk.columns().indexOf(c))).toList();
  }

  /**
   * The columns of {@code fk} ordered as {@code targetKey}, the identity of the referenced entity,
   * so that their values form its lookup value; as the key declares them when it references other
   * columns.
   */
  static List<String> alignedTo(ForeignKey fk, List<String> targetKey) {
    if (!sameColumns(fk.targetColumns(), targetKey)) {
      return fk.columns();
    }
    return targetKey.stream().map(k -> fk.columns().get(fk.targetColumns().indexOf(k))).toList();
  }
}
