package io.datomize.mapping;

import io.datomize.catalog.Column;
import io.datomize.catalog.EnumCandidate;
import io.datomize.catalog.EnumType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.KeyMapping;
import io.datomize.model.Naming;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
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

  /**
   * The name of the identity of a table identified by its content: {@code
   * <ns>/content-hash+occurrence}.
   */
  static final String CONTENT_IDENTITY = "content-hash+occurrence";

  /**
   * The primary key; else, of the unique keys that can identify a row (not-null columns of types an
   * identity can hold), the one foreign keys reference, else the first; else the {@link
   * ContentKey}.
   */
  List<String> key(Table table) {
    if (table.hasPrimaryKey()) {
      return table.primaryKey();
    }
    List<List<String>> usable =
        table.uniqueKeys().stream()
            .map(UniqueKey::columns)
            .filter(
                key ->
                    !key.isEmpty()
                        && key.size() <= 8
                        && key.stream()
                            .allMatch(
                                c ->
                                    table
                                        .column(c)
                                        .filter(
                                            col ->
                                                !col.isNullable()
                                                    && TypeRules.identityType(col.type())
                                                        .isPresent())
                                        .isPresent()))
            .toList();
    return usable.stream()
        .filter(
            key ->
                schema.tables().stream()
                    .flatMap(t -> t.foreignKeys().stream())
                    .anyMatch(
                        fk ->
                            fk.target().equals(table.name())
                                && ForeignKeys.sameColumns(fk.targetColumns(), key)))
        .findFirst()
        .or(() -> usable.stream().findFirst())
        .orElse(ContentKey.COLUMNS);
  }

  /** What the mapping of a whole table by convention contains besides its identity. */
  record Body(
      List<AttributeMapping> attributes, List<RefMapping> refs, List<String> failedColumns) {}

  /**
   * Maps the columns and foreign keys of {@code table} that {@code mentioned} leaves out: a foreign
   * key none of whose columns is mentioned becomes a ref, every other column an attribute.
   */
  Body complete(
      Table table,
      String namespace,
      IdentityMapping identity,
      Set<String> mentioned,
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
        attribute(table, column, namespace)
            .ifPresentOrElse(attributes::add, () -> failed.add(column.name()));
      }
    }
    return new Body(attributes, refs, failed);
  }

  /**
   * The unique keys of {@code table} that need an attribute of their own for lookups: every unique
   * key but the identity and a single column already mapped (as a unique attribute, or by the
   * user's choice); none with a skipped column or a column of a type an identity cannot hold.
   */
  static List<KeyMapping> uniqueKeys(
      Table table,
      String namespace,
      IdentityMapping identity,
      List<AttributeMapping> attributes,
      List<String> skipped) {
    List<KeyMapping> keys = new ArrayList<>();
    for (UniqueKey key : table.uniqueKeys()) {
      List<String> columns = key.columns();
      boolean mappedAlone =
          columns.size() == 1
              && attributes.stream().anyMatch(a -> a.column().equals(columns.get(0)));
      boolean known = keys.stream().anyMatch(k -> ForeignKeys.sameColumns(k.columns(), columns));
      if (mappedAlone
          || known
          || ForeignKeys.sameColumns(columns, identity.columns())
          || columns.stream().anyMatch(skipped::contains)) {
        continue;
      }
      keyMapping(table, namespace, columns).ifPresent(keys::add);
    }
    return keys;
  }

  /**
   * The unique-value attribute {@code <ns>/<a>+<b>} of key columns; empty when a column cannot be
   * part of a key.
   */
  static Optional<KeyMapping> keyMapping(Table table, String namespace, List<String> columns) {
    List<Optional<ValueType>> types =
        columns.stream()
            .map(c -> table.column(c).flatMap(col -> TypeRules.identityType(col.type())))
            .toList();
    if (columns.isEmpty()
        || columns.size() > 8
        || types.stream().anyMatch(Optional::isEmpty)
        || (columns.size() > 1 && types.contains(Optional.of(ValueType.BYTES)))) {
      return Optional.empty();
    }
    return Optional.of(
        KeyMapping.builder()
            .attribute(Attribute.of(namespace, Conventions.identityName(columns)))
            .columns(columns)
            .valueTypes(types.stream().map(Optional::get).toList())
            .build());
  }

  private RefMapping ref(
      Table table, ForeignKey fk, String namespace, Optional<IdentityMapping> target) {
    List<String> columns =
        target.map(t -> ForeignKeys.alignedTo(fk, t.columns())).orElse(fk.columns());
    boolean required =
        fk.columns().stream()
            .allMatch(c -> table.column(c).map(col -> !col.isNullable()).orElse(false));
    return RefMapping.builder()
        .columns(columns)
        .target(fk.target())
        .targetColumns(ForeignKeys.targets(fk, columns))
        .attribute(Attribute.of(namespace, names.refName(table, fk)))
        .nullPolicy(required ? NullPolicy.required() : NullPolicy.omit())
        .doc(comment(table, fk))
        .build();
  }

  /** The comment of a single-column foreign key's column: its ref's doc. */
  static Optional<String> comment(Table table, ForeignKey fk) {
    return fk.columns().size() == 1
        ? table.column(fk.columns().get(0)).flatMap(Column::comment)
        : Optional.empty();
  }

  /** The identity's doc: the table's comment, else the comment of its single key column. */
  static Optional<String> identityDoc(Table table, List<String> keyColumns) {
    return table
        .comment()
        .or(
            () ->
                keyColumns.size() == 1
                    ? table.column(keyColumns.get(0)).flatMap(Column::comment)
                    : Optional.empty());
  }

  /**
   * The attribute of one column by convention; empty (and reported) when its enum values cannot be
   * derived.
   */
  Optional<AttributeMapping> attribute(Table table, Column column, String namespace) {
    String name = names.columnName(table, column.name());
    AttributeMapping.Builder attribute =
        AttributeMapping.builder()
            .column(column.name())
            .attribute(Attribute.of(namespace, name))
            .cardinality(TypeRules.cardinality(column.type()));
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
    boolean unique = !column.type().isArray() && aloneUnique(table, column.name());
    if (unique) {
      attribute.unique(Uniqueness.VALUE);
    }
    return Optional.of(
        attribute.index(column.isIndexed() && !unique).doc(column.comment()).build());
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
        problems.add(
            table.name(),
            column.name(),
            "no enum values are known for this column (it is not of an enum "
                + "type and has no CHECK list of values)",
            "list them: .column("
                + Problems.quote(column.name())
                + ").toEnum("
                + Problems.quote(enumNamespace)
                + ").value(\"a\", \"a\").value(\"b\", \"b\")");
      }
      return Optional.empty();
    }
    Map<String, EnumIdent> values = new LinkedHashMap<>();
    for (String label : labels.get()) {
      values.put(label, EnumIdent.of(enumNamespace, names.enumIdentNameOf(label)));
    }
    values.entrySet().stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getValue,
                LinkedHashMap::new,
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
        .forEach(
            (ident, same) -> {
              if (same.size() > 1) {
                problems.add(
                    table.name(),
                    column.name(),
                    "enum labels "
                        + same.stream().map(l -> "'" + l + "'").toList()
                        + " all become "
                        + ident,
                    "name them apart: .column("
                        + Problems.quote(column.name())
                        + ").toEnum("
                        + Problems.quote(enumNamespace)
                        + ")"
                        + same.stream()
                            .map(l -> ".value(" + Problems.quote(l) + ", \"...\")")
                            .collect(Collectors.joining()));
              }
            });
    return Optional.of(EnumMapping.builder().values(values).build());
  }

  private void reportUnknownEnumType(Table table, Column column) {
    problems.add(
        table.name(),
        column.name(),
        "its enum type "
            + column.type().enumType().orElse(column.type().sqlName())
            + " is not among the schema's enum types, so its labels are unknown",
        "list the values: .column("
            + Problems.quote(column.name())
            + ").toEnum(\"ns\").value(\"label\", \"name\")..., or map the labels as text "
            + "with .to(\"name\").valueType(ValueType.STRING)");
  }

  /** The two foreign keys of a bridge table: owner side first. */
  record BridgeEnds(ForeignKey owner, ForeignKey target, String attributeName) {}

  private static final Set<TypeFamily> TIMESTAMPS =
      Set.of(TypeFamily.DATE, TypeFamily.TIMESTAMP, TypeFamily.TIMESTAMPTZ);
  private static final Set<String> NOW =
      Set.of(
          "now",
          "current_timestamp",
          "current_date",
          "localtimestamp",
          "transaction_timestamp",
          "statement_timestamp",
          "clock_timestamp",
          "'now'");

  /**
   * Whether a table may collapse into a cardinality-many ref: its primary key is exactly the
   * columns of two foreign keys, or a {@linkplain #surrogateKey surrogate key} beside a unique key
   * that is; its other columns (if any) are bookkeeping timestamps, and no foreign key references
   * it. Any other table keeps its data as an entity.
   */
  static boolean collapsibleShape(Table table, SourceSchema schema) {
    Optional<List<ForeignKey>> pair = endPair(table);
    if (pair.isEmpty()
        || schema.tables().stream()
            .flatMap(t -> t.foreignKeys().stream())
            .anyMatch(fk -> fk.target().equals(table.name()))) {
      return false;
    }
    Set<String> ends = new HashSet<>();
    pair.get().forEach(fk -> ends.addAll(fk.columns()));
    Optional<String> surrogate = surrogateKey(table);
    return table.columns().stream()
        .filter(c -> !ends.contains(c.name()) && !surrogate.equals(Optional.of(c.name())))
        .allMatch(ConventionMapper::bookkeeping);
  }

  /**
   * The primary key's column when the key is one integer column outside every foreign key: a number
   * the database hands each row, as Django gives its many-to-many tables, that says nothing a
   * bridge's pair of foreign keys does not.
   */
  static Optional<String> surrogateKey(Table table) {
    if (table.primaryKey().size() != 1) {
      return Optional.empty();
    }
    String key = table.primaryKey().get(0);
    boolean integer =
        table
            .column(key)
            .filter(c -> c.type().family() == TypeFamily.INTEGER && !c.type().isArray())
            .isPresent();
    boolean inForeignKey = table.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(key));
    return integer && !inForeignKey ? Optional.of(key) : Optional.empty();
  }

  /**
   * A date or timestamp column whose default is the current time ({@code now()}, {@code
   * CURRENT_TIMESTAMP}, {@code ('now'::text)::date}, ... as PostgreSQL prints them): a record of
   * when the row was written rather than data.
   */
  static boolean bookkeeping(Column column) {
    if (!TIMESTAMPS.contains(column.type().family()) || column.type().isArray()) {
      return false;
    }
    return column
        .defaultExpression()
        .map(
            e ->
                e.toLowerCase(Locale.ROOT)
                    .replaceAll("\\s+at\\s+time\\s+zone\\s+'[^']*'", "")
                    .replaceAll("::[a-z_ ]+(\\([0-9, ]*\\))?", "")
                    .replaceAll("timezone\\('[^']*',", "(")
                    .replaceAll("\\(\\s*\\d*\\s*\\)", "")
                    .replaceAll("[()\\s]", ""))
        .filter(NOW::contains)
        .isPresent();
  }

  /** Why each of {@code dropped} is left out of a collapsed bridge, for plan and report. */
  static Map<String, String> dropReasons(Table table, List<String> dropped) {
    Optional<String> surrogate =
        endPair(table, table.primaryKey()).isPresent() ? Optional.empty() : surrogateKey(table);
    Map<String, String> reasons = new LinkedHashMap<>();
    for (String name : dropped) {
      Optional<Column> column = table.column(name).filter(ConventionMapper::bookkeeping);
      String reason =
          surrogate.equals(Optional.of(name))
              ? BridgeMapping.SURROGATE_KEY
              : column
                  .map(
                      c ->
                          BridgeMapping.BOOKKEEPING
                              + " (DEFAULT "
                              + c.defaultExpression().get()
                              + ")")
                  .orElse(BridgeMapping.DROPPED_BY_MAPPING);
      reasons.put(name, reason);
    }
    return reasons;
  }

  /**
   * The two foreign keys whose columns are exactly the primary key, or else, beside a {@linkplain
   * #surrogateKey surrogate key}, exactly a unique key of not-null columns; in the order of that
   * key's first column.
   */
  private static Optional<List<ForeignKey>> endPair(Table table) {
    Optional<List<ForeignKey>> byPrimaryKey = endPair(table, table.primaryKey());
    if (byPrimaryKey.isPresent() || surrogateKey(table).isEmpty()) {
      return byPrimaryKey;
    }
    return table.uniqueKeys().stream()
        .filter(
            k ->
                k.columns().stream()
                    .allMatch(c -> table.column(c).filter(col -> !col.isNullable()).isPresent()))
        .map(k -> endPair(table, k.columns()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * The two foreign keys whose columns are exactly {@code key}, in the order of its first column.
   */
  private static Optional<List<ForeignKey>> endPair(Table table, List<String> keyColumns) {
    Set<String> key = new HashSet<>(keyColumns);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    List<ForeignKey> fks = table.foreignKeys();
    for (int i = 0; i < fks.size(); i++) {
      for (int j = i + 1; j < fks.size(); j++) {
        Set<String> union = new HashSet<>(fks.get(i).columns());
        union.addAll(fks.get(j).columns());
        if (union.equals(key)
            && fks.get(i).columns().size() + fks.get(j).columns().size() == key.size()) {
          boolean iFirst = fks.get(i).columns().contains(keyColumns.get(0));
          return Optional.of(
              iFirst ? List.of(fks.get(i), fks.get(j)) : List.of(fks.get(j), fks.get(i)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The ends of a bridge-shaped table, its owner one that {@code canOwn} accepts (a foreign key to
   * the owner's identity, since each bridge row names its owner by identity); see {@link
   * Conventions}.
   */
  Optional<BridgeEnds> bridgeEnds(Table table, Predicate<ForeignKey> canOwn) {
    Optional<List<ForeignKey>> pair = endPair(table);
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    ForeignKey first = pair.get().get(0);
    ForeignKey second = pair.get().get(1);
    for (ForeignKey owner : List.of(first, second)) {
      Optional<String> name = names.bridgeName(table.name(), owner.target());
      if (canOwn.test(owner) && name.isPresent()) {
        return Optional.of(new BridgeEnds(owner, owner == first ? second : first, name.get()));
      }
    }
    for (ForeignKey owner : List.of(first, second)) {
      if (canOwn.test(owner)) {
        ForeignKey target = owner == first ? second : first;
        return Optional.of(new BridgeEnds(owner, target, names.bridgeNameAfter(target.target())));
      }
    }
    return Optional.empty();
  }

  /**
   * The bridge mapping of detected ends, on the owner's namespace; its other columns are dropped.
   */
  static BridgeMapping bridge(
      Table table,
      BridgeEnds ends,
      String ownerNamespace,
      Function<TableName, Optional<EntityMapping>> entities) {
    List<String> ownerColumns =
        entities
            .apply(ends.owner().target())
            .map(e -> ForeignKeys.alignedTo(ends.owner(), e.identity().columns()))
            .orElse(ends.owner().columns());
    Optional<Attribute> targetAttribute = targetAttribute(ends.target(), entities);
    List<String> targetColumns = bridgeColumns(ends.target(), targetAttribute, entities);
    List<String> dropped =
        table.columns().stream()
            .map(Column::name)
            .filter(c -> !ownerColumns.contains(c) && !targetColumns.contains(c))
            .toList();
    return BridgeMapping.builder()
        .table(table.name())
        .owner(ends.owner().target())
        .ownerColumns(ownerColumns)
        .target(ends.target().target())
        .targetColumns(targetColumns)
        .targetAttribute(targetAttribute)
        .attribute(Attribute.of(ownerNamespace, ends.attributeName()))
        .droppedColumns(dropped)
        .dropReasons(dropReasons(table, dropped))
        .doc(table.comment())
        .build();
  }

  /**
   * The unique attribute a bridge's foreign key names its target by, when that is not the target's
   * identity.
   */
  static Optional<Attribute> targetAttribute(
      ForeignKey fk, Function<TableName, Optional<EntityMapping>> entities) {
    return entities
        .apply(fk.target())
        .flatMap(
            e ->
                e.lookupAttribute(fk.targetColumns())
                    .filter(a -> !a.equals(e.identity().attribute())));
  }

  /** The columns of {@code fk} in the order of the target's lookup value. */
  static List<String> bridgeColumns(
      ForeignKey fk,
      Optional<Attribute> targetAttribute,
      Function<TableName, Optional<EntityMapping>> entities) {
    return entities
        .apply(fk.target())
        .map(
            e ->
                ForeignKeys.alignedTo(
                    fk, e.lookupColumns(targetAttribute.orElse(e.identity().attribute()))))
        .orElse(fk.columns());
  }

  /**
   * Bridges that would share one attribute (two bridges between the same tables, both named after
   * the target) each named after their own table instead.
   */
  static List<BridgeMapping> apart(List<BridgeMapping> bridges) {
    Map<Attribute, Long> uses =
        bridges.stream()
            .collect(Collectors.groupingBy(BridgeMapping::attribute, Collectors.counting()));
    return bridges.stream()
        .map(
            b ->
                uses.get(b.attribute()) < 2
                    ? b
                    : BridgeMapping.builder()
                        .from(b)
                        .attribute(
                            Attribute.of(
                                b.attribute().namespace(),
                                Conventions.attributeName(b.table().name())))
                        .build())
        .toList();
  }
}
