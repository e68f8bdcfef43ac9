package io.datomize.catalog;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/** The tables and enum types of the source database that a migration may read. */
@Value.Immutable
public abstract class SourceSchema {
  public abstract List<Table> tables();

  public abstract List<EnumType> enumTypes();

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Table> findTable(TableName name) {
    return tables().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The table of that name; an unqualified name must be unambiguous across schemas. */
  public Table table(String name) {
    if (name.contains(".")) {
      return table(TableName.parse(name));
    }
    List<Table> matches = tables().stream().filter(t -> t.name().name().equals(name)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new NoSuchElementException(
          "no table named '" + name + "' in the source schema; known tables: " + tableNames());
    }
    throw new NoSuchElementException(
        "table name '"
            + name
            + "' is ambiguous, qualify it with its schema: "
            + matches.stream().map(Table::toString).collect(Collectors.joining(", ")));
  }

  public Table table(TableName name) {
    return findTable(name)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no table " + name + " in the source schema; known tables: " + tableNames()));
  }

  public Optional<EnumType> enumType(String qualifiedName) {
    return enumTypes().stream().filter(e -> e.qualifiedName().equals(qualifiedName)).findFirst();
  }

  private String tableNames() {
    return tables().stream().map(Table::toString).collect(Collectors.joining(", "));
  }

  @Value.Check
  protected void check() {
    List<TableName> duplicates =
        tables().stream()
            .collect(Collectors.groupingBy(Table::name, Collectors.counting()))
            .entrySet()
            .stream()
            .filter(e -> e.getValue() > 1)
            .map(java.util.Map.Entry::getKey)
            .sorted()
            .toList();
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException("tables listed twice in the source schema: " + duplicates);
    }
  }

  public static class Builder extends ImmutableSourceSchema.Builder {}
}
