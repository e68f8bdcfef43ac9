package io.datomize.mapping;

import io.datomize.catalog.Column;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.mapping.MappingDraft.BridgeDraft;
import io.datomize.mapping.MappingDraft.ColumnDraft;
import io.datomize.mapping.MappingDraft.RefDraft;
import io.datomize.mapping.MappingDraft.TableDraft;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.KeyMapping;
import io.datomize.model.Mapping;
import io.datomize.model.MappingOptions;
import io.datomize.model.Naming;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.model.ValueConverter;
import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a {@link MappingDraft} into a {@link Mapping}: resolves names against the schema, fills in
 * what conventions decide, then validates. What cannot be resolved becomes a problem and is left
 * out of the mapping, marked so that validation does not report it a second time.
 */
final class MappingResolver {
  private final SourceSchema schema;
  private final Problems problems = new Problems();
  private final ConventionMapper conventions;

  /** Tables whose mapping failed to resolve: refs to them are not reported again. */
  private final Set<TableName> unresolved = new HashSet<>();

  private final Map<TableName, IdentityMapping> identities = new HashMap<>();
  private final Map<TableName, String> namespaces = new HashMap<>();

  /**
   * Columns whose mapping failed and was reported, by table: the mapping leaves them out so that it
   * can still be validated, and validation does not report them a second time as skipped.
   */
  private final Map<TableName, Set<String>> failedColumns = new HashMap<>();

  MappingResolver(SourceSchema schema, Naming naming) {
    this.schema = schema;
    this.conventions = new ConventionMapper(schema, problems, naming);
  }

  Mapping build(MappingDraft draft) {
    Set<TableName> claimed = new LinkedHashSet<>();
    Map<TableDraft, Table> entityTables = new LinkedHashMap<>();
    Map<BridgeDraft, Table> bridgeTables = new LinkedHashMap<>();
    List<TableName> skipped = new ArrayList<>();
    draft.entities.forEach(e -> claim(e.table, claimed).ifPresent(t -> entityTables.put(e, t)));
    draft.bridges.forEach(b -> claim(b.table, claimed).ifPresent(t -> bridgeTables.put(b, t)));
    draft.skippedTables.forEach(s -> claim(s, claimed).ifPresent(t -> skipped.add(t.name())));
    List<Table> bridgeCandidates = new ArrayList<>();
    for (Table table : schema.tables()) {
      if (claimed.contains(table.name())) {
        continue;
      }
      if (draft.conventions && ConventionMapper.collapsibleShape(table, schema)) {
        bridgeCandidates.add(table);
      } else if (draft.conventions) {
        entityTables.put(byConvention(table), table);
      } else if (draft.skipOtherTables) {
        skipped.add(table.name());
      }
    }
    if (draft.conventions && draft.skipOtherTables) {
      problems.addMapping(
          "skipOtherTables() has no effect with conventions, which map every table",
          "start from Mappings.define(schema) to map only some tables, or name the tables to skip with .skipTable(..)");
    }

    entityTables.forEach((d, table) -> identity(d, table));
    // a bridge collapses only onto an owner it references by the owner's identity, which is known
    // only now
    Map<Table, ConventionMapper.BridgeEnds> conventionBridges = new LinkedHashMap<>();
    for (Table table : bridgeCandidates) {
      Optional<ConventionMapper.BridgeEnds> ends =
          conventions.bridgeEnds(
              table,
              fk ->
                  identityOf(fk.target())
                      .filter(i -> ForeignKeys.sameColumns(fk.targetColumns(), i.columns()))
                      .isPresent());
      if (ends.isPresent()) {
        conventionBridges.put(table, ends.get());
      } else {
        TableDraft byConvention = byConvention(table);
        entityTables.put(byConvention, table);
        identity(byConvention, table);
      }
    }
    List<EntityMapping> entities = new ArrayList<>();
    entityTables.forEach(
        (d, table) -> {
          if (identities.containsKey(table.name())) {
            entities.add(entity(d, table, draft.conventions));
          }
        });
    // mentioned tables first as written, then the others in the schema's order
    List<TableName> mentioned =
        entityTables.entrySet().stream()
            .filter(e -> draft.entities.contains(e.getKey()))
            .map(e -> e.getValue().name())
            .toList();
    List<TableName> schemaOrder = schema.tables().stream().map(Table::name).toList();
    entities.sort(
        Comparator.comparingInt(
            e ->
                mentioned.contains(e.table())
                    ? mentioned.indexOf(e.table())
                    : mentioned.size() + schemaOrder.indexOf(e.table())));
    List<BridgeMapping> bridges = new ArrayList<>();
    bridgeTables.forEach(
        (d, table) -> bridge(d, table, entityOf(entities)).ifPresent(bridges::add));
    List<BridgeMapping> byConvention = new ArrayList<>();
    conventionBridges.forEach(
        (table, ends) -> {
          TableName owner = ends.owner().target();
          String ownerNamespace =
              namespaces.getOrDefault(owner, conventions.names().namespaceOf(owner));
          byConvention.add(
              ConventionMapper.bridge(table, ends, ownerNamespace, entityOf(entities)));
        });
    bridges.addAll(ConventionMapper.apart(byConvention));
    skipped.addAll(unresolved.stream().filter(t -> !skipped.contains(t)).sorted().toList());

    Mapping mapping =
        Mapping.builder()
            .entities(entities)
            .bridges(bridges)
            .skippedTables(skipped)
            .options(
                MappingOptions.builder()
                    .zone(draft.zone)
                    .strictNulls(draft.strictNulls)
                    .allowNonFiniteNumbers(draft.allowNonFiniteNumbers)
                    .negativeInfinity(Optional.ofNullable(draft.negativeInfinity))
                    .positiveInfinity(Optional.ofNullable(draft.positiveInfinity))
                    .dropNullArrayElements(draft.dropNullArrayElements)
                    .naming(draft.naming)
                    .build())
            .build();
    problems.addAll(new MappingValidator(schema, unresolved, failedColumns).validate(mapping));
    if (!problems.isEmpty()) {
      throw new MappingValidationException(problems.list());
    }
    return mapping;
  }

  private static TableDraft byConvention(Table table) {
    TableDraft draft = new TableDraft(table.name().toString());
    draft.othersByConvention = true;
    return draft;
  }

  private Optional<IdentityMapping> identityOf(TableName table) {
    return Optional.ofNullable(identities.get(table));
  }

  private Optional<Table> claim(String name, Set<TableName> claimed) {
    Table table;
    try {
      table = schema.table(name);
    } catch (NoSuchElementException | IllegalArgumentException e) {
      TableName asWritten = TableName.parse(name);
      unresolved.add(asWritten);
      problems.add(
          asWritten,
          List.of(),
          e.getMessage(),
          "use a table of the source schema, qualified with its schema "
              + "when it is not in public: .table(\"schema.table\")");
      return Optional.empty();
    }
    if (!claimed.add(table.name())) {
      problems.add(
          table.name(),
          List.of(),
          "the table is mapped more than once (as entity, bridge or skipped)",
          "keep one of its .table(..), .entityByConvention(..), .bridge(..) and .skipTable(..) calls");
      return Optional.empty();
    }
    return Optional.of(table);
  }

  private void identity(TableDraft d, Table table) {
    String namespace =
        d.namespace != null ? d.namespace : conventions.names().namespaceOf(table.name());
    if (!validName(
        table,
        List.of(),
        () -> Attribute.of(namespace, "probe"),
        "namespace '" + namespace + "'",
        ".toEntity(\"user\")")) {
      unresolved.add(table.name());
      return;
    }
    List<String> columns = d.keyColumns != null ? d.keyColumns : conventions.key(table);
    boolean byContent = ContentKey.isContentKey(columns);
    List<String> unknown =
        byContent ? List.of() : columns.stream().filter(c -> table.column(c).isEmpty()).toList();
    List<String> unfit =
        byContent
            ? List.of()
            : columns.stream()
                .filter(c -> table.column(c).isPresent())
                .filter(c -> TypeRules.identityType(table.column(c).get().type()).isEmpty())
                .toList();
    List<String> taken =
        byContent ? columns.stream().filter(c -> table.column(c).isPresent()).toList() : List.of();
    if (!unknown.isEmpty()) {
      problems.add(
          table.name(),
          unknown,
          "identifiedBy names columns the table does not have; its columns are "
              + columnNames(table),
          "name key columns of the table in .identifiedBy(..)");
    }
    if (!unfit.isEmpty()) {
      problems.add(
          table.name(),
          unfit,
          "these columns cannot be part of an identity: their types ("
              + unfit.stream().map(c -> table.column(c).get().type().toString()).toList()
              + ") have no comparable Datomic value type",
          "identify the rows by other columns in .identifiedBy(..)");
    }
    if (!taken.isEmpty()) {
      problems.add(
          table.name(),
          taken,
          "the table cannot be identified by its content: it has columns of the names "
              + "the content key reads",
          "identify the rows by columns in "
              + Problems.tableCall(table.name())
              + ".toEntity(..).identifiedBy(..)");
    }
    if (columns.size() > 8) {
      problems.add(
          table.name(),
          columns,
          "an identity of "
              + columns.size()
              + " columns does not fit a Datomic "
              + "tuple (at most 8 values)",
          "identify the rows by a key of at most 8 columns, e.g. a unique surrogate key");
    }
    Attribute attribute;
    try {
      attribute =
          d.identityAttribute != null
              ? d.identityAttribute
              : Attribute.of(
                  namespace,
                  d.identityName != null
                      ? d.identityName
                      : byContent
                          ? ConventionMapper.CONTENT_IDENTITY
                          : conventions.names().identityNameOf(table, columns));
    } catch (IllegalArgumentException e) {
      problems.add(
          table.name(),
          columns,
          e.getMessage(),
          "name the identity with a valid keyword name: .as(\"pg-id\")");
      attribute = null;
    }
    if (!unknown.isEmpty()
        || !unfit.isEmpty()
        || !taken.isEmpty()
        || columns.size() > 8
        || attribute == null) {
      unresolved.add(table.name());
      return;
    }
    identities.put(
        table.name(),
        IdentityMapping.builder()
            .attribute(attribute)
            .doc(ConventionMapper.identityDoc(table, columns))
            .columns(columns)
            .valueTypes(
                byContent
                    ? ContentKey.VALUE_TYPES
                    : columns.stream()
                        .map(c -> TypeRules.identityType(table.column(c).get().type()).get())
                        .toList())
            .build());
    namespaces.put(table.name(), namespace);
  }

  private EntityMapping entity(TableDraft d, Table table, boolean conventionMode) {
    String namespace = namespaces.get(table.name());
    IdentityMapping identity = identities.get(table.name());
    EntityMapping.Builder entity =
        EntityMapping.builder().table(table.name()).namespace(namespace).identity(identity);
    Set<String> mentioned = new HashSet<>(d.skipped);
    entity.addAllSkippedColumns(d.skipped);
    Set<String> failed = failedColumns.computeIfAbsent(table.name(), t -> new HashSet<>());
    for (ColumnDraft column : d.columns) {
      mentioned.add(column.column);
      attribute(column, table, namespace)
          .ifPresentOrElse(
              entity::addAttributes,
              () -> {
                if (table.column(column.column).isPresent()) {
                  entity.addSkippedColumns(column.column);
                  failed.add(column.column);
                }
              });
    }
    for (RefDraft ref : d.refs) {
      mentioned.addAll(ref.columns);
      List<String> known = ref.columns.stream().filter(c -> table.column(c).isPresent()).toList();
      ref(ref, table, namespace)
          .ifPresentOrElse(
              entity::addRefs,
              () -> {
                entity.addAllSkippedColumns(known);
                failed.addAll(known);
              });
    }
    if (d.othersByConvention || conventionMode) {
      ConventionMapper.Body body =
          conventions.complete(table, namespace, identity, mentioned, this::identityOf);
      entity
          .addAllAttributes(body.attributes())
          .addAllRefs(body.refs())
          .addAllSkippedColumns(body.failedColumns());
      failed.addAll(body.failedColumns());
    }
    EntityMapping built = entity.build();
    List<KeyMapping> keys = new ArrayList<>();
    for (List<String> columns : d.uniqueKeys) {
      List<String> unknown = columns.stream().filter(c -> table.column(c).isEmpty()).toList();
      Optional<KeyMapping> key =
          unknown.isEmpty()
              ? ConventionMapper.keyMapping(table, namespace, columns)
              : Optional.empty();
      key.ifPresentOrElse(
          keys::add,
          () ->
              problems.add(
                  table.name(),
                  columns,
                  unknown.isEmpty()
                      ? "these columns cannot form a unique key attribute (1 to 8 columns of types an identity can hold)"
                      : "uniqueKey names columns the table does not have; its columns are "
                          + columnNames(table),
                  "name 1 to 8 key columns of the table in .uniqueKey(..)"));
    }
    if (d.othersByConvention || conventionMode) {
      ConventionMapper.uniqueKeys(
              table, namespace, identity, built.attributes(), built.skippedColumns())
          .stream()
          .filter(
              k ->
                  keys.stream()
                      .noneMatch(known -> ForeignKeys.sameColumns(known.columns(), k.columns())))
          .forEach(keys::add);
    }
    return EntityMapping.builder().from(built).uniqueKeys(keys).build();
  }

  private Optional<AttributeMapping> attribute(ColumnDraft d, Table table, String namespace) {
    Optional<Column> found = table.column(d.column);
    if (found.isEmpty()) {
      problems.add(
          table.name(),
          d.column,
          "no such column; the table's columns are " + columnNames(table),
          "name a column of the table in .column(..)");
      return Optional.empty();
    }
    Column column = found.get();
    String where = ".column(" + Problems.quote(d.column) + ")";
    Attribute attribute;
    try {
      attribute =
          d.attribute != null
              ? d.attribute
              : Attribute.of(
                  namespace,
                  d.name != null ? d.name : conventions.names().columnName(table, d.column));
    } catch (IllegalArgumentException e) {
      problems.add(
          table.name(),
          d.column,
          e.getMessage(),
          "give a valid keyword name: "
              + where
              + ".to(\""
              + conventions.names().columnName(table, d.column)
              + "\")");
      return Optional.empty();
    }
    AttributeMapping.Builder mapping =
        AttributeMapping.builder()
            .column(d.column)
            .attribute(attribute)
            .cardinality(TypeRules.cardinality(column.type()))
            .unique(d.unique ? Uniqueness.VALUE : Uniqueness.NONE)
            .noHistory(d.noHistory)
            .index(d.index || (column.isIndexed() && !d.unique))
            .doc(d.doc != null ? Optional.of(d.doc) : column.comment());
    if (!d.repeatedOptions.isEmpty()) {
      problems.add(
          table.name(),
          d.column,
          "options given twice with different values, of which only the last"
              + " would count: "
              + String.join("; ", d.repeatedOptions),
          "keep one of each on " + where);
      return Optional.empty();
    }
    if (new LinkedHashSet<>(d.nullPolicies).size() > 1) {
      problems.add(
          table.name(),
          d.column,
          "more than one null policy chosen: " + d.nullPolicies,
          "keep one of defaultIfNull, defaultNowIfNull, omitIfNull and required on " + where);
      return Optional.empty();
    }
    if (!d.nullPolicies.isEmpty()) {
      mapping.nullPolicy(d.nullPolicies.get(0));
    }
    if (d.enumNamespace != null) {
      if (!enumMapping(d, table, column)
          .map(e -> mapping.valueType(ValueType.REF).enumMapping(e))
          .isPresent()) {
        return Optional.empty();
      }
    } else if (!valueType(d, table, column, mapping)) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapping.build());
    } catch (IllegalArgumentException e) {
      problems.add(
          table.name(),
          d.column,
          e.getMessage(),
          "make the value type, converter and enum mapping of " + where + " agree");
      return Optional.empty();
    }
  }

  private boolean valueType(
      ColumnDraft d, Table table, Column column, AttributeMapping.Builder mapping) {
    if (d.valueType == null && d.converter == null && column.type().family() == TypeFamily.ENUM) {
      String enumNamespace =
          namespaces.get(table.name()) + "." + conventions.names().columnName(table, d.column);
      problems.add(
          table.name(),
          d.column,
          "the column is of enum type "
              + column.type().enumType().orElseThrow()
              + " and needs enum idents or an explicit value type",
          ".column("
              + Problems.quote(d.column)
              + ").toEnum("
              + Problems.quote(enumNamespace)
              + ") for enum idents, or .valueType(ValueType.STRING) to keep the labels");
      return false;
    }
    ValueConverter converter = d.converter;
    if (converter == null && (d.valueType == null || d.valueType == ValueType.STRING)) {
      converter = TypeRules.defaultConverter(column.type()).orElse(null);
    }
    ValueType valueType =
        d.valueType != null
            ? d.valueType
            : converter != null ? converter.target() : TypeRules.defaultType(column.type());
    mapping.valueType(valueType);
    if (converter != null) {
      mapping.converter(converter);
    }
    return true;
  }

  private Optional<EnumMapping> enumMapping(ColumnDraft d, Table table, Column column) {
    String where =
        ".column(" + Problems.quote(d.column) + ").toEnum(" + Problems.quote(d.enumNamespace) + ")";
    if (d.converter != null || (d.valueType != null && d.valueType != ValueType.REF)) {
      problems.add(
          table.name(),
          d.column,
          "an enum column is a ref to enum idents; it takes no converter and no "
              + "other value type",
          "drop .converted(..) and .valueType(..) from " + where);
      return Optional.empty();
    }
    if (!TypeRules.enumSource(column.type())) {
      problems.add(
          table.name(),
          d.column,
          "only text and enum columns can map to enum idents, this one is " + column.type(),
          "map it with .to(..), or convert it to text in a view");
      return Optional.empty();
    }
    try {
      EnumIdent.of(d.enumNamespace, "probe");
      if (d.enumValues.isEmpty()) {
        Optional<EnumMapping> derived = conventions.derivedEnum(table, column, d.enumNamespace);
        return derived.map(
            e ->
                d.fallback == null
                    ? e
                    : EnumMapping.builder()
                        .from(e)
                        .fallback(ident(d.enumNamespace, d.fallback))
                        .build());
      }
      EnumMapping.Builder mapping = EnumMapping.builder();
      d.enumValues.forEach(
          (value, ident) -> mapping.putValues(value, ident(d.enumNamespace, ident)));
      if (d.fallback != null) {
        mapping.fallback(ident(d.enumNamespace, d.fallback));
      }
      return Optional.of(mapping.build());
    } catch (IllegalArgumentException e) {
      problems.add(
          table.name(),
          d.column,
          e.getMessage(),
          "use valid keyword names in "
              + where
              + " and its .value(..) calls, e.g. .value(\"Facebook\", \"facebook\")");
      return Optional.empty();
    }
  }

  private static EnumIdent ident(String namespace, Object nameOrIdent) {
    return nameOrIdent instanceof EnumIdent ident
        ? ident
        : EnumIdent.of(namespace, (String) nameOrIdent);
  }

  private Optional<RefMapping> ref(RefDraft d, Table table, String namespace) {
    List<String> unknown = d.columns.stream().filter(c -> table.column(c).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      problems.add(
          table.name(),
          unknown,
          "no such column; the table's columns are " + columnNames(table),
          "name foreign key columns of the table in .ref(..)");
      return Optional.empty();
    }
    Optional<ForeignKey> fk = ForeignKeys.on(table, d.columns);
    if (fk.isEmpty()) {
      problems.add(
          table.name(),
          d.columns,
          "no foreign key on exactly these columns; the table's foreign keys are "
              + table.foreignKeys().stream()
                  .map(f -> f.name() + f.columns() + " -> " + f.target())
                  .toList(),
          "name the columns of one foreign key in .ref(..), or map the columns as attributes with .column(..)");
      return Optional.empty();
    }
    List<String> columns =
        identityOf(fk.get().target())
            .map(i -> ForeignKeys.alignedTo(fk.get(), i.columns()))
            .orElse(fk.get().columns());
    try {
      RefMapping.Builder ref =
          RefMapping.builder()
              .columns(columns)
              .target(fk.get().target())
              .targetColumns(ForeignKeys.targets(fk.get(), columns))
              .attribute(d.attribute != null ? d.attribute : Attribute.of(namespace, d.name))
              .nullPolicy(d.required ? NullPolicy.required() : NullPolicy.omit());
      ref.doc(d.doc != null ? Optional.of(d.doc) : ConventionMapper.comment(table, fk.get()));
      return Optional.of(ref.build());
    } catch (IllegalArgumentException e) {
      problems.add(
          table.name(),
          d.columns,
          e.getMessage(),
          "give a valid keyword name: .ref(" + Problems.quoted(d.columns) + ").to(\"company\")");
      return Optional.empty();
    }
  }

  private static Function<TableName, Optional<EntityMapping>> entityOf(
      List<EntityMapping> entities) {
    return name -> entities.stream().filter(e -> e.table().equals(name)).findFirst();
  }

  private Optional<BridgeMapping> bridge(
      BridgeDraft d, Table table, Function<TableName, Optional<EntityMapping>> entities) {
    String call = ".bridge(" + Problems.quote(d.table) + ")";
    Optional<ForeignKey> owner = end(table, d.ownerColumns, call + ".from");
    Optional<ForeignKey> target = end(table, d.targetColumns, call + ".from(..).to");
    if (owner.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    List<String> ownerColumns =
        identityOf(owner.get().target())
            .map(i -> ForeignKeys.alignedTo(owner.get(), i.columns()))
            .orElse(owner.get().columns());
    Optional<Attribute> targetAttribute = ConventionMapper.targetAttribute(target.get(), entities);
    List<String> targetColumns =
        ConventionMapper.bridgeColumns(target.get(), targetAttribute, entities);
    try {
      BridgeMapping.Builder bridge =
          BridgeMapping.builder()
              .table(table.name())
              .owner(owner.get().target())
              .ownerColumns(ownerColumns)
              .target(target.get().target())
              .targetColumns(targetColumns)
              .targetAttribute(targetAttribute)
              .attribute(d.attribute != null ? d.attribute : Attribute.of(d.namespace, d.name))
              .droppedColumns(d.dropped)
              .dropReasons(ConventionMapper.dropReasons(table, d.dropped));
      bridge.doc(d.doc != null ? Optional.of(d.doc) : table.comment());
      return Optional.of(bridge.build());
    } catch (IllegalArgumentException e) {
      unresolved.add(table.name());
      problems.add(
          table.name(),
          List.of(),
          e.getMessage(),
          "give a valid keyword: " + call + ".from(..).to(..).as(\"post\", \"tags\")");
      return Optional.empty();
    }
  }

  private Optional<ForeignKey> end(Table table, List<String> columns, String call) {
    Optional<ForeignKey> fk = ForeignKeys.on(table, columns);
    if (fk.isEmpty()) {
      unresolved.add(table.name());
      problems.add(
          table.name(),
          columns,
          "no foreign key of the bridge on exactly these columns; its foreign keys "
              + "are "
              + table.foreignKeys().stream()
                  .map(f -> f.name() + f.columns() + " -> " + f.target())
                  .toList(),
          "name the columns of one foreign key in " + call + "(..)");
    }
    return fk;
  }

  private boolean validName(
      Table table, List<String> columns, Runnable probe, String what, String example) {
    try {
      probe.run();
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(
          table.name(),
          columns,
          what + " is not a valid keyword namespace",
          "use letters, digits, '-', '_' " + "and '.', not starting with a digit: " + example);
      return false;
    }
  }

  static String columnNames(Table table) {
    return table.columns().stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
