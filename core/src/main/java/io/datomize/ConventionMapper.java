package io.datomize;

import io.datomize.model.Attribute;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Cardinality;
import io.datomize.model.Column;
import io.datomize.model.EnumCandidate;
import io.datomize.model.EnumIdent;
import io.datomize.model.EnumMapping;
import io.datomize.model.EnumType;
import io.datomize.model.ForeignKey;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Naming;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.model.SourceSchema;
import io.datomize.model.Table;
import io.datomize.model.TableName;
import io.datomize.model.TypeFamily;
import io.datomize.model.UniqueKey;
import io.datomize.model.Uniqueness;
import io.datomize.model.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Applies the rules documented on {@link Conventions} to tables, columns and foreign keys. */
final class ConventionMapper {
  private final SourceSchema schema;
  private final Problems problems;
  private final Conventions names;

  ConventionMapper(SourceSchema schema, Problems problems, Naming naming) {
    this.schema = schema;
    this.problems = problems;
    this.names = new Conventions(schema, naming);
  }

  /** The names of this mapper's naming style. */
  Conventions names() {
    return names;
  }

  /** The primary key, else the first unique key of not-null columns. */
  static Optional<List<String>> key(Table table) {
    if (table.hasPrimaryKey()) {
      return Optional.of(table.primaryKey());
    }
    return table.uniqueKeys().stream()
        .map(UniqueKey::columns)
        .filter(key -> !key.isEmpty()
            && key.stream().allMatch(c -> table.column(c).map(col -> !col.isNullable()).orElse(false)))
        .findFirst();
  }

  /** What the mapping of a whole table by convention contains besides its identity. */
  record Body(List<AttributeMapping> attributes, List<RefMapping> refs, List<String> failedColumns) {}

  /**
   * Maps the columns and foreign keys of {@code table} that {@code mentioned} leaves out: a foreign key none of whose
   * columns is mentioned becomes a ref, every other column an attribute.
   */
  Body complete(Table table, String namespace, IdentityMapping identity, Set<String> mentioned,
      Function<TableName, Optional<IdentityMapping>> identities) {
    Set<String> consumed = new HashSet<>(mentioned);
    if (!identity.isTuple()) {
      consumed.addAll(identity.columns());
    }
    List<RefMapping> refs = new ArrayList<>();
    for (ForeignKey fk : table.foreignKeys()) {
      if (fk.columns().stream().noneMatch(mentioned::contains)) {
        refs.add(ref(table, fk, namespace, identities.apply(fk.target())));
        consumed.addAll(fk.columns());
      }
    }
    List<AttributeMapping> attributes = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Column column : table.columns()) {
      if (!consumed.contains(column.name())) {
        attribute(table, column, namespace).ifPresentOrElse(attributes::add, () -> failed.add(column.name()));
      }
    }
    return new Body(attributes, refs, failed);
  }

  private RefMapping ref(Table table, ForeignKey fk, String namespace, Optional<IdentityMapping> target) {
    List<String> columns = target.map(t -> ForeignKeys.alignedTo(fk, t.columns())).orElse(fk.columns());
    boolean required = fk.columns().stream().allMatch(c -> table.column(c).map(col -> !col.isNullable()).orElse(false));
    return RefMapping.builder()
        .columns(columns)
        .target(fk.target())
        .targetColumns(ForeignKeys.targets(fk, columns))
        .attribute(Attribute.of(namespace, names.refName(table, fk)))
        .nullPolicy(required ? NullPolicy.required() : NullPolicy.omit())
        .build();
  }

  /** The attribute of one column by convention; empty (and reported) when its enum values cannot be derived. */
  Optional<AttributeMapping> attribute(Table table, Column column, String namespace) {
    String name = names.columnName(table, column.name());
    AttributeMapping.Builder attribute = AttributeMapping.builder()
        .column(column.name())
        .attribute(Attribute.of(namespace, name))
        .cardinality(column.type().isArray() ? Cardinality.MANY : Cardinality.ONE);
    if (!column.isNullable()) {
      attribute.nullPolicy(NullPolicy.required());
    }
    if (enumLabels(table, column).isPresent()) {
      Optional<EnumMapping> enumMapping = derivedEnum(table, column, namespace + "." + name);
      if (enumMapping.isEmpty()) {
        return Optional.empty();
      }
      attribute.valueType(ValueType.REF).enumMapping(enumMapping.get());
    } else if (column.type().family() == TypeFamily.ENUM) {
      reportUnknownEnumType(table, column);
      return Optional.empty();
    } else {
      attribute.valueType(TypeRules.defaultType(column.type()));
      TypeRules.defaultConverter(column.type()).ifPresent(attribute::converter);
    }
    if (!column.type().isArray() && aloneUnique(table, column.name())) {
      attribute.unique(Uniqueness.VALUE);
    }
    return Optional.of(attribute.build());
  }

  private static boolean aloneUnique(Table table, String column) {
    return table.uniqueKeys().stream().anyMatch(k -> k.columns().equals(List.of(column)));
  }

  /** The labels of a PostgreSQL enum column, or the CHECK list of a text column. */
  Optional<List<String>> enumLabels(Table table, Column column) {
    if (column.type().family() == TypeFamily.ENUM) {
      return column.type().enumType().flatMap(schema::enumType).map(EnumType::labels);
    }
    if (column.type().family() == TypeFamily.TEXT) {
      return table.enumCandidates().stream()
          .filter(c -> c.column().equals(column.name()))
          .map(EnumCandidate::values)
          .findFirst();
    }
    return Optional.empty();
  }

  /** Enum idents named after the column's labels; labels that give the same ident are reported. */
  Optional<EnumMapping> derivedEnum(Table table, Column column, String enumNamespace) {
    Optional<List<String>> labels = enumLabels(table, column);
    if (labels.isEmpty() || labels.get().isEmpty()) {
      if (column.type().family() == TypeFamily.ENUM) {
        reportUnknownEnumType(table, column);
      } else {
        problems.add(table.name(), column.name(), "no enum values are known for this column (it is not of an enum "
            + "type and has no CHECK list of values)", "list them: .column(" + Problems.quote(column.name())
            + ").toEnum(" + Problems.quote(enumNamespace) + ").value(\"a\", \"a\").value(\"b\", \"b\")");
      }
      return Optional.empty();
    }
    Map<String, EnumIdent> values = new LinkedHashMap<>();
    for (String label : labels.get()) {
      values.put(label, EnumIdent.of(enumNamespace, names.enumIdentNameOf(label)));
    }
    values.entrySet().stream()
        .collect(Collectors.groupingBy(Map.Entry::getValue, LinkedHashMap::new,
            Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
        .forEach((ident, same) -> {
          if (same.size() > 1) {
            problems.add(table.name(), column.name(), "enum labels " + same.stream().map(l -> "'" + l + "'").toList()
                + " all become " + ident, "name them apart: .column(" + Problems.quote(column.name()) + ").toEnum("
                + Problems.quote(enumNamespace) + ")" + same.stream()
                    .map(l -> ".value(" + Problems.quote(l) + ", \"...\")").collect(Collectors.joining()));
          }
        });
    return Optional.of(EnumMapping.builder().values(values).build());
  }

  private void reportUnknownEnumType(Table table, Column column) {
    problems.add(table.name(), column.name(), "its enum type "
        + column.type().enumType().orElse(column.type().sqlName())
        + " is not among the schema's enum types, so its labels are unknown", "list the values: .column("
        + Problems.quote(column.name()) + ").toEnum(\"ns\").value(\"label\", \"name\")..., or map the labels as text "
        + "with .to(\"name\").valueType(ValueType.STRING)");
  }

  /** The two foreign keys of a bridge table: owner side first. */
  record BridgeEnds(ForeignKey owner, ForeignKey target, String attributeName) {}

  /** A bridge when the primary key is exactly the columns of two foreign keys; see {@link Conventions}. */
  Optional<BridgeEnds> bridgeEnds(Table table) {
    Set<String> key = new HashSet<>(table.primaryKey());
    if (key.isEmpty()) {
      return Optional.empty();
    }
    List<ForeignKey> fks = table.foreignKeys();
    for (int i = 0; i < fks.size(); i++) {
      for (int j = i + 1; j < fks.size(); j++) {
        Set<String> union = new HashSet<>(fks.get(i).columns());
        union.addAll(fks.get(j).columns());
        if (union.equals(key) && fks.get(i).columns().size() + fks.get(j).columns().size() == key.size()) {
          return Optional.of(ends(table, fks.get(i), fks.get(j)));
        }
      }
    }
    return Optional.empty();
  }

  private BridgeEnds ends(Table table, ForeignKey a, ForeignKey b) {
    boolean aFirst = a.columns().contains(table.primaryKey().get(0));
    ForeignKey first = aFirst ? a : b;
    ForeignKey second = aFirst ? b : a;
    for (ForeignKey owner : List.of(first, second)) {
      Optional<String> name = names.bridgeName(table.name(), owner.target());
      if (name.isPresent()) {
        return new BridgeEnds(owner, owner == first ? second : first, name.get());
      }
    }
    return new BridgeEnds(first, second, names.bridgeNameAfter(second.target()));
  }

  /** The bridge mapping of detected ends, on the owner's namespace; its other columns are dropped. */
  static BridgeMapping bridge(Table table, BridgeEnds ends, String ownerNamespace,
      Function<TableName, Optional<IdentityMapping>> identities) {
    List<String> ownerColumns = identities.apply(ends.owner().target())
        .map(i -> ForeignKeys.alignedTo(ends.owner(), i.columns())).orElse(ends.owner().columns());
    List<String> targetColumns = identities.apply(ends.target().target())
        .map(i -> ForeignKeys.alignedTo(ends.target(), i.columns())).orElse(ends.target().columns());
    return BridgeMapping.builder()
        .table(table.name())
        .owner(ends.owner().target())
        .ownerColumns(ownerColumns)
        .target(ends.target().target())
        .targetColumns(targetColumns)
        .attribute(Attribute.of(ownerNamespace, ends.attributeName()))
        .droppedColumns(table.columns().stream().map(Column::name)
            .filter(c -> !ownerColumns.contains(c) && !targetColumns.contains(c)).toList())
        .build();
  }
}
