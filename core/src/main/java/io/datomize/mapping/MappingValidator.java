package io.datomize.mapping;

import io.datomize.catalog.Column;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.KeyMapping;
import io.datomize.model.Mapping;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a {@link Mapping} against its {@link SourceSchema} and lists every problem with its fix.
 */
final class MappingValidator {
  private final SourceSchema schema;

  /** Tables the DSL could not resolve, already reported. */
  private final Set<TableName> unresolved;

  /**
   * Columns whose mapping failed and was reported already: they are not reported again as skipped.
   */
  private final Map<TableName, Set<String>> failedColumns;

  private final Problems problems = new Problems();

  /** Of the mapping's naming, so that hints name things as the mapping does. */
  private ConventionMapper conventions;

  MappingValidator(
      SourceSchema schema, Set<TableName> unresolved, Map<TableName, Set<String>> failedColumns) {
    this.failedColumns = failedColumns;
    this.schema = schema;
    this.unresolved = unresolved;
  }

  List<MappingProblem> validate(Mapping mapping) {
    conventions = new ConventionMapper(schema, new Problems(), mapping.options().naming());
    tables(mapping);
    for (EntityMapping entity : mapping.entities()) {
      schema.findTable(entity.table()).ifPresent(table -> entity(mapping, entity, table));
    }
    for (BridgeMapping bridge : mapping.bridges()) {
      schema.findTable(bridge.table()).ifPresent(table -> bridge(mapping, bridge, table));
    }
    idents(mapping);
    return problems.list();
  }

  private void tables(Mapping mapping) {
    Set<TableName> mentioned = new HashSet<>(unresolved);
    Stream.of(
            mapping.entities().stream().map(EntityMapping::table),
            mapping.bridges().stream().map(BridgeMapping::table),
            mapping.skippedTables().stream())
        .flatMap(s -> s)
        .forEach(
            table -> {
              mentioned.add(table);
              if (schema.findTable(table).isEmpty() && !unresolved.contains(table)) {
                problems.add(
                    table,
                    List.of(),
                    "no such table in the source schema; its tables are " + schema.tables(),
                    "use a table of the source schema, qualified with its schema when it is not in public");
              }
            });
    if (mapping.entities().isEmpty() && mapping.bridges().isEmpty()) {
      if (schema.tables().isEmpty()) {
        problems.addMapping(
            "the mapping maps no table: the source schema holds no table",
            "read the schema that "
                + "holds the tables (the source's schema names), and check that its tables exist");
      } else {
        problems.addMapping(
            "the mapping maps no table, so a migration would move nothing; the source schema's tables "
                + "are "
                + schema.tables().stream()
                    .map(t -> t.name().toString())
                    .collect(Collectors.joining(", ")),
            "map at least one of them with .table(..), .entityByConvention(..) or .bridge(..), or do not skip them "
                + "all");
      }
    }
    for (Table table : schema.tables()) {
      if (!mentioned.contains(table.name())) {
        String name = Problems.quote(Problems.name(table.name()));
        problems.add(
            table.name(),
            List.of(),
            "the table is neither mapped, a bridge, nor skipped",
            "map it with "
                + ".table("
                + name
                + ").toEntity(..).identifiedBy(..) or .entityByConvention("
                + name
                + "), or skip it "
                + "with .skipTable("
                + name
                + ") or .skipOtherTables()");
      }
    }
  }

  private void entity(Mapping mapping, EntityMapping entity, Table table) {
    TableName name = table.name();
    IdentityMapping identity = entity.identity();
    Map<String, List<String>> uses = new LinkedHashMap<>();
    if (!ContentKey.isContentKey(identity.columns())) {
      identity.columns().forEach(c -> use(uses, c, "the identity " + identity.attribute()));
    }
    entity.attributes().forEach(a -> use(uses, a.column(), "attribute " + a.attribute()));
    entity.refs().forEach(r -> r.columns().forEach(c -> use(uses, c, "ref " + r.attribute())));
    Set<String> failed = failedColumns.getOrDefault(name, Set.of());
    entity.skippedColumns().stream()
        .filter(c -> !failed.contains(c))
        .forEach(c -> use(uses, c, "skipped"));
    List<String> unknown = uses.keySet().stream().filter(c -> table.column(c).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      problems.add(
          name,
          unknown,
          "no such column; the table's columns are " + MappingResolver.columnNames(table),
          "name columns of the table, as the catalog spells them");
    }
    uses.forEach(
        (column, what) -> {
          boolean skippedAndUsed = what.contains("skipped") && what.size() > 1;
          long attributes = what.stream().filter(w -> w.startsWith("attribute")).count();
          if (skippedAndUsed || attributes > 1) {
            problems.add(
                name,
                column,
                "the column is both " + String.join(" and ", what),
                "keep one: remove the extra .column(..) or .skip(..) for it");
          }
        });
    List<String> unmapped =
        table.columns().stream()
            .map(Column::name)
            .filter(c -> !uses.containsKey(c) && !failed.contains(c))
            .toList();
    if (!unmapped.isEmpty()) {
      problems.add(
          name,
          unmapped,
          "columns are neither mapped, refs, nor skipped, and would be lost",
          "in "
              + Problems.tableCall(name)
              + " map each with .column(\""
              + unmapped.get(0)
              + "\").to(\""
              + conventions.names().columnName(table, unmapped.get(0))
              + "\"), skip it with .skip("
              + Problems.quoted(unmapped)
              + "), or add .otherColumnsByConvention()");
    }
    if (ContentKey.isContentKey(identity.columns())) {
      accessible(table, table.columns().stream().map(Column::name).toList(), Optional.empty());
    } else {
      List<String> read =
          uses.entrySet().stream()
              .filter(use -> !use.getValue().equals(List.of("skipped")))
              .map(Map.Entry::getKey)
              .toList();
      accessible(table, read, Optional.of(Problems.tableCall(name)));
    }
    identity(entity, table);
    List<String> unchosen = new ArrayList<>();
    for (AttributeMapping attribute : entity.attributes()) {
      table
          .column(attribute.column())
          .ifPresent(
              column -> {
                attribute(table, column, attribute);
                if (column.isNullable() && attribute.nullPolicy().isEmpty()) {
                  unchosen.add(column.name());
                }
              });
    }
    if (mapping.options().strictNulls() && !unchosen.isEmpty()) {
      problems.add(
          name,
          unchosen,
          "strictNulls() is on and these nullable columns have no null policy",
          "choose .omitIfNull(), .required(), .defaultIfNull(value) or .defaultNowIfNull() on each .column(..)");
    }
    for (RefMapping ref : entity.refs()) {
      if (ref.columns().stream().allMatch(c -> table.column(c).isPresent())) {
        ref(mapping, table, ref);
      }
    }
    for (KeyMapping key : entity.uniqueKeys()) {
      boolean declared =
          ForeignKeys.sameColumns(key.columns(), table.primaryKey())
              || table.uniqueKeys().stream()
                  .anyMatch(k -> ForeignKeys.sameColumns(k.columns(), key.columns()));
      if (!declared) {
        problems.add(
            name,
            key.columns(),
            "unique key "
                + key.attribute()
                + " is on columns that no unique constraint"
                + " or unique index of the table covers, so equal values would clash in Datomic",
            "name the columns of a" + " unique key of the table in .uniqueKey(..)");
      }
    }
  }

  /**
   * The columns a mapping reads must be ones the source's user may read, or the run would stop at
   * the table after loading the tables before it; and all of the table's rows, or the run would
   * lose those that row-level security hides without a trace.
   *
   * @param read the columns read; all of them when the rows are identified by their content
   * @param leaveOut the DSL call whose {@code .skip(..)} leaves columns out; empty when only the
   *     whole table can be
   */
  private void accessible(Table table, Collection<String> read, Optional<String> leaveOut) {
    List<String> unreadable =
        table.columns().stream().filter(c -> !c.isReadable()).map(Column::name).toList();
    String skipTable = ".skipTable(" + Problems.quote(Problems.name(table.name())) + ")";
    if (table.isRowSecurityActive()) {
      problems.add(
          table.name(),
          List.of(),
          "row-level security applies to the source's database user on this table: its policies"
              + " would hide rows from the migration and from its verification alike",
          "run as a user it does not apply to (the table's owner, unless the table forces row"
              + " security, a superuser or a role with BYPASSRLS), or leave the table out with "
              + skipTable);
    }
    if (!unreadable.isEmpty() && unreadable.size() == table.columns().size()) {
      problems.add(
          table.name(),
          List.of(),
          "the source's database user may not read this table (no SELECT privilege on it or on"
              + " any of its columns, or no USAGE of its schema)",
          "grant that user SELECT on the table (and USAGE of its schema), or leave the table out"
              + " with "
              + skipTable);
      return;
    }
    List<String> needed = unreadable.stream().filter(read::contains).toList();
    if (!needed.isEmpty()) {
      problems.add(
          table.name(),
          needed,
          "the source's database user may not read these columns (no SELECT privilege on them or"
              + " on the table)",
          "grant that user SELECT on the table or on these columns, or leave "
              + leaveOut
                  .map(call -> "them out with " + call + "...skip(..)")
                  .orElse("the table out with " + skipTable));
    }
  }

  private static void use(Map<String, List<String>> uses, String column, String what) {
    uses.computeIfAbsent(column, c -> new ArrayList<>()).add(what);
  }

  private void identity(EntityMapping entity, Table table) {
    IdentityMapping identity = entity.identity();
    if (ContentKey.isContentKey(identity.columns())) {
      List<String> taken =
          identity.columns().stream().filter(c -> table.column(c).isPresent()).toList();
      if (!taken.isEmpty() || !identity.valueTypes().equals(ContentKey.VALUE_TYPES)) {
        problems.add(
            table.name(),
            identity.columns(),
            "a content key is a tuple of "
                + ContentKey.VALUE_TYPES
                + " read from a table without columns of its names",
            "identify the rows by columns in "
                + Problems.tableCall(table.name())
                + ".toEntity(..).identifiedBy(..)");
      }
      return;
    }
    List<String> nullable =
        identity.columns().stream()
            .filter(c -> table.column(c).map(Column::isNullable).orElse(false))
            .toList();
    if (!nullable.isEmpty()) {
      problems.add(
          table.name(),
          nullable,
          "identity columns are nullable, and a row without a key cannot be " + "identified",
          "make them NOT NULL in the source, or identify the rows by not-null columns in "
              + Problems.tableCall(table.name())
              + ".toEntity(..).identifiedBy(..)");
    }
    for (int i = 0; i < identity.columns().size(); i++) {
      ValueType given = identity.valueTypes().get(i);
      Optional<Column> column = table.column(identity.columns().get(i));
      Optional<ValueType> expected = column.flatMap(c -> TypeRules.identityType(c.type()));
      if (column.isPresent() && !expected.equals(Optional.of(given))) {
        problems.add(
            table.name(),
            column.get().name(),
            "identity value type "
                + given
                + " does not fit the key "
                + "column's type "
                + column.get().type(),
            expected
                .map(t -> "use " + t)
                .orElse(
                    "identify the rows by other columns: this type cannot be part of an identity"));
      }
    }
  }

  private void attribute(Table table, Column column, AttributeMapping attribute) {
    TableName name = table.name();
    String where = ".column(" + Problems.quote(column.name()) + ")";
    boolean enumMapped = attribute.enumMapping().isPresent();
    if (attribute.converter().isEmpty()) {
      Set<ValueType> fitting = TypeRules.compatible(column.type(), enumMapped);
      if (!fitting.contains(attribute.valueType())) {
        problems.add(
            name,
            column.name(),
            "value type "
                + attribute.valueType()
                + " of "
                + attribute.attribute()
                + " does not fit the column's type "
                + column.type()
                + (enumMapped ? " for enum idents" : ""),
            fitting.isEmpty()
                ? "convert the values: " + where + "...converted(Converters.toText())"
                : "use "
                    + fitting.stream()
                        .map(t -> ".valueType(ValueType." + t + ")")
                        .collect(Collectors.joining(" or "))
                    + " on "
                    + where
                    + ", or convert the values with .converted(..)");
      }
    }
    Cardinality cardinality = TypeRules.cardinality(column.type());
    if (attribute.cardinality() != cardinality) {
      problems.add(
          name,
          column.name(),
          "a one-dimensional array column needs cardinality many and any other column"
              + " (a multidimensional array included) cardinality one, but "
              + attribute.attribute()
              + " is "
              + attribute.cardinality(),
          "use cardinality " + cardinality + " for " + attribute.attribute());
    }
    if (attribute.unique() != Uniqueness.NONE && attribute.cardinality() == Cardinality.MANY) {
      problems.add(
          name,
          column.name(),
          "Datomic does not allow a unique cardinality-many attribute",
          "remove .unique() from " + where);
    }
    attribute.enumMapping().ifPresent(e -> enumValues(table, column, e, where));
    attribute.nullPolicy().ifPresent(p -> nullPolicy(table, column, attribute, p, where));
  }

  private void enumValues(Table table, Column column, EnumMapping mapping, String where) {
    Optional<List<String>> labels = conventions.enumLabels(table, column);
    if (labels.isEmpty()) {
      return;
    }
    String source = column.type().enumType().map(t -> "enum type " + t).orElse("CHECK list");
    List<String> missing =
        labels.get().stream().filter(l -> !mapping.values().containsKey(l)).toList();
    if (!missing.isEmpty() && mapping.fallback().isEmpty()) {
      problems.add(
          table.name(),
          column.name(),
          "the enum mapping misses values " + missing + " of the column's " + source,
          "add "
              + missing.stream()
                  .map(
                      l ->
                          ".value("
                              + Problems.quote(l)
                              + ", "
                              + Problems.quote(conventions.names().enumIdentNameOf(l))
                              + ")")
                  .collect(Collectors.joining())
              + " to "
              + where
              + ".toEnum(..), or give a .fallback(..)");
    }
    List<String> extra =
        mapping.values().keySet().stream().filter(v -> !labels.get().contains(v)).toList();
    if (!extra.isEmpty()) {
      problems.add(
          table.name(),
          column.name(),
          "the enum mapping lists values "
              + extra
              + " that the column's "
              + source
              + " "
              + labels.get()
              + " does not allow",
          "remove or correct them in " + where + ".toEnum(..)");
    }
  }

  private void nullPolicy(
      Table table, Column column, AttributeMapping attribute, NullPolicy policy, String where) {
    if (policy.kind() == NullPolicy.Kind.DEFAULT_NOW
        && attribute.valueType() != ValueType.INSTANT) {
      problems.add(
          table.name(),
          column.name(),
          "defaultNowIfNull() needs an instant attribute, "
              + attribute.attribute()
              + " is "
              + attribute.valueType(),
          "give a default of its type with " + where + "...defaultIfNull(value)");
    }
    if (policy.kind() != NullPolicy.Kind.DEFAULT_VALUE) {
      return;
    }
    Object value = policy.defaultValue().orElseThrow();
    Class<?> expected =
        attribute.valueType() == ValueType.REF ? EnumIdent.class : attribute.valueType().javaType();
    boolean fits =
        attribute.cardinality() == Cardinality.MANY
            ? value instanceof Collection<?> values
                && !values.isEmpty()
                && values.stream().allMatch(expected::isInstance)
            : expected.isInstance(value);
    if (!fits) {
      problems.add(
          table.name(),
          column.name(),
          "the default value "
              + value
              + " ("
              + value.getClass().getSimpleName()
              + ") is not a value of "
              + attribute.attribute()
              + ", which holds "
              + (attribute.cardinality() == Cardinality.MANY ? "a non-empty collection of " : "")
              + expected.getSimpleName(),
          "give a default of that type in "
              + where
              + ".defaultIfNull(..), e.g. "
              + example(attribute.valueType()));
    }
  }

  private static String example(ValueType type) {
    return switch (type) {
      case LONG -> "0L";
      case STRING -> "\"\"";
      case BOOLEAN -> "false";
      case DOUBLE -> "0.0";
      case BIGDEC -> "BigDecimal.ZERO";
      case INSTANT -> "Instant.EPOCH";
      case REF -> "EnumIdent.of(\"user.source\", \"unknown\")";
      default -> "a " + type.javaType().getSimpleName();
    };
  }

  private void ref(Mapping mapping, Table table, RefMapping ref) {
    Optional<ForeignKey> fk = ForeignKeys.on(table, ref.columns(), ref.target());
    if (fk.isEmpty()) {
      problems.add(
          table.name(),
          ref.columns(),
          "no foreign key on exactly these columns references "
              + ref.target()
              + " for ref "
              + ref.attribute(),
          "name the columns of one foreign key in .ref(..)");
      return;
    }
    if (!ForeignKeys.targets(fk.get(), ref.columns()).equals(ref.targetColumns())) {
      problems.add(
          table.name(),
          ref.columns(),
          "ref "
              + ref.attribute()
              + " names target columns "
              + ref.targetColumns()
              + " but foreign key "
              + fk.get().name()
              + " references "
              + ForeignKeys.targets(fk.get(), ref.columns()),
          "use the referenced columns of the foreign key");
      return;
    }
    targetIdentity(
        mapping,
        table,
        ref.columns(),
        ref.target(),
        ref.targetColumns(),
        "ref " + ref.attribute(),
        true);
  }

  /**
   * Checks that the referenced table is an entity named by the referenced columns: its identity, or
   * with {@code byUniqueKey} also a unique key or unique attribute of them.
   */
  private void targetIdentity(
      Mapping mapping,
      Table table,
      List<String> columns,
      TableName target,
      List<String> targetColumns,
      String what,
      boolean byUniqueKey) {
    if (unresolved.contains(target)) {
      return;
    }
    Optional<EntityMapping> entity = mapping.entity(target);
    String name = Problems.quote(Problems.name(target));
    if (entity.isEmpty()) {
      String state =
          mapping.skippedTables().contains(target)
              ? "skipped"
              : mapping.bridges().stream().anyMatch(b -> b.table().equals(target))
                  ? "a bridge"
                  : "not mapped";
      problems.add(
          table.name(),
          columns,
          what
              + " refers to "
              + target
              + ", which is "
              + state
              + " (a ref resolves on the target entity's identity)",
          "map "
              + target
              + " as an entity with .table("
              + name
              + ")... or .entityByConvention("
              + name
              + "), or skip the columns with .skip("
              + Problems.quoted(columns)
              + ")");
      return;
    }
    List<String> identity = entity.get().identity().columns();
    if (byUniqueKey
        ? entity.get().lookupAttribute(targetColumns).isEmpty()
        : !identity.equals(targetColumns)) {
      problems.add(
          table.name(),
          columns,
          what
              + " refers to columns "
              + targetColumns
              + " of "
              + target
              + ", but its entities are identified by "
              + identity
              + (byUniqueKey ? " and no unique attribute or unique " + "key holds them" : ""),
          "identify "
              + target
              + " by "
              + targetColumns
              + ": .table("
              + name
              + ").toEntity(..).identifiedBy("
              + Problems.quoted(targetColumns)
              + ")"
              + (byUniqueKey
                  ? ", or map them as "
                      + ".uniqueKey("
                      + Problems.quoted(targetColumns)
                      + ") of "
                      + target
                  : ""));
    }
  }

  private void bridge(Mapping mapping, BridgeMapping bridge, Table table) {
    String call = ".bridge(" + Problems.quote(Problems.name(table.name())) + ")";
    Set<String> ends = new LinkedHashSet<>(bridge.ownerColumns());
    ends.addAll(bridge.targetColumns());
    List<String> unknown =
        Stream.concat(ends.stream(), bridge.droppedColumns().stream())
            .filter(c -> table.column(c).isEmpty())
            .toList();
    if (!unknown.isEmpty()) {
      problems.add(
          table.name(),
          unknown,
          "no such column; the bridge's columns are " + MappingResolver.columnNames(table),
          "name columns of the bridge table in " + call);
      return;
    }
    if (ends.size() < bridge.ownerColumns().size() + bridge.targetColumns().size()) {
      problems.add(
          table.name(),
          bridge.targetColumns(),
          "owner and target columns overlap",
          "name the owner's foreign key in .from(..) and the target's in .to(..)");
    }
    accessible(table, ends, Optional.empty());
    bridgeEnd(
        mapping,
        table,
        bridge.ownerColumns(),
        bridge.owner(),
        "owner side of bridge " + bridge.attribute(),
        Optional.empty());
    bridgeEnd(
        mapping,
        table,
        bridge.targetColumns(),
        bridge.target(),
        "target side of bridge " + bridge.attribute(),
        bridge.targetAttribute());
    List<String> extra =
        table.columns().stream()
            .map(Column::name)
            .filter(c -> !ends.contains(c) && !bridge.droppedColumns().contains(c))
            .toList();
    if (!extra.isEmpty()) {
      problems.add(
          table.name(),
          extra,
          "the bridge has other columns, which a cardinality-many ref cannot hold",
          "drop them deliberately with "
              + call
              + "...dropColumns("
              + Problems.quoted(extra)
              + "), or map the table "
              + "as an entity with .entityByConvention("
              + Problems.quote(Problems.name(table.name()))
              + ")");
    }
  }

  private void bridgeEnd(
      Mapping mapping,
      Table table,
      List<String> columns,
      TableName target,
      String what,
      Optional<Attribute> lookup) {
    Optional<ForeignKey> fk = ForeignKeys.on(table, columns, target);
    if (fk.isEmpty()) {
      problems.add(
          table.name(),
          columns,
          "no foreign key on exactly these columns references " + target + " for the " + what,
          "name the columns of the foreign key to " + target);
      return;
    }
    List<String> referenced = ForeignKeys.targets(fk.get(), columns);
    Optional<EntityMapping> entity = mapping.entity(target);
    if (lookup.isPresent() && entity.isPresent()) {
      if (!entity.get().lookupAttribute(referenced).equals(lookup)) {
        problems.add(
            table.name(),
            columns,
            "the "
                + what
                + " names "
                + target
                + " by "
                + lookup.get()
                + ", but the "
                + "foreign key references "
                + referenced
                + ", which "
                + entity
                    .get()
                    .lookupAttribute(referenced)
                    .map(a -> a + " holds")
                    .orElse("no unique attribute holds"),
            "name the target by the unique attribute" + " of the referenced columns");
      }
      return;
    }
    targetIdentity(mapping, table, columns, target, referenced, "the " + what, false);
  }

  /** Where an attribute is defined, to report collisions. */
  private record Source(
      TableName table,
      List<String> columns,
      String what,
      boolean identity,
      AttributeSchema schema) {}

  private static final String RESERVED =
      " in a namespace that Datomic (:db, :db.*) or Datomize (:datomize, :datomize.*) keeps"
          + " for itself";

  private void idents(Mapping mapping) {
    Map<Attribute, List<Source>> sources = new LinkedHashMap<>();
    for (EntityMapping entity : mapping.entities()) {
      IdentityMapping identity = entity.identity();
      define(
          sources,
          new Source(
              entity.table(),
              identity.columns(),
              "the identity of " + entity.table(),
              true,
              identity.schema()));
      for (AttributeMapping attribute : entity.attributes()) {
        define(
            sources,
            new Source(
                entity.table(),
                List.of(attribute.column()),
                "column " + entity.table() + "." + attribute.column(),
                false,
                attribute.schema()));
      }
      for (RefMapping ref : entity.refs()) {
        define(
            sources,
            new Source(
                entity.table(),
                ref.columns(),
                "the ref of " + entity.table() + ref.columns(),
                false,
                ref.schema()));
      }
      for (KeyMapping key : entity.uniqueKeys()) {
        define(
            sources,
            new Source(
                entity.table(),
                key.columns(),
                "the unique key of " + entity.table() + key.columns(),
                false,
                key.schema()));
      }
    }
    for (BridgeMapping bridge : mapping.bridges()) {
      define(
          sources,
          new Source(
              bridge.owner(), List.of(), "bridge " + bridge.table(), false, bridge.schema()));
    }
    sources.forEach(
        (attribute, defined) -> {
          if (defined.size() < 2) {
            return;
          }
          boolean identity = defined.stream().anyMatch(Source::identity);
          boolean oneTable =
              defined.stream().map(Source::table).distinct().count() < defined.size();
          boolean differ = defined.stream().map(Source::schema).distinct().count() > 1;
          if (identity || oneTable || differ) {
            Source first = defined.get(0);
            problems.add(
                first.table(),
                defined.stream().flatMap(s -> s.columns().stream()).distinct().toList(),
                defined.stream().map(Source::what).collect(Collectors.joining(" and "))
                    + " all map to "
                    + attribute
                    + (identity || oneTable ? "" : ", with different definitions"),
                "give all but one of them another name, e.g. " + rename(defined));
          }
        });
    // one problem per table: all its attributes share the namespace the fix renames
    Map<TableName, List<Attribute>> reservedByTable = new LinkedHashMap<>();
    sources.forEach(
        (attribute, defined) -> {
          if (Conventions.reserved(attribute.namespace())) {
            reservedByTable
                .computeIfAbsent(defined.get(0).table(), t -> new ArrayList<>())
                .add(attribute);
          }
        });
    reservedByTable.forEach(
        (table, inReserved) ->
            problems.add(
                table,
                List.of(),
                "attributes " + inReserved + " are" + RESERVED,
                "choose another namespace, e.g. "
                    + Problems.tableCall(table)
                    + ".toEntity(\""
                    + Conventions.RESERVED_PREFIX
                    + inReserved.get(0).namespace()
                    + "\")"));
    Set<String> attributes =
        sources.keySet().stream().map(Attribute::toString).collect(Collectors.toSet());
    for (EntityMapping entity : mapping.entities()) {
      for (AttributeMapping attribute : entity.attributes()) {
        attribute
            .enumMapping()
            .ifPresent(
                e -> {
                  enumIdents(
                      entity,
                      attribute,
                      e,
                      ident -> attributes.contains(ident.toString()),
                      " have the names of attributes");
                  enumIdents(
                      entity,
                      attribute,
                      e,
                      ident -> Conventions.reserved(ident.namespace()),
                      " are" + RESERVED);
                });
      }
    }
  }

  /** Reports the enum idents of {@code enumMapping} that are {@code bad}, if any. */
  private void enumIdents(
      EntityMapping entity,
      AttributeMapping attribute,
      EnumMapping enumMapping,
      Predicate<EnumIdent> bad,
      String problem) {
    List<String> named =
        Stream.concat(enumMapping.values().values().stream(), enumMapping.fallback().stream())
            .filter(bad)
            .map(EnumIdent::toString)
            .distinct()
            .toList();
    if (!named.isEmpty()) {
      problems.add(
          entity.table(),
          attribute.column(),
          "enum idents " + named + problem,
          "choose another enum namespace in .column("
              + Problems.quote(attribute.column())
              + ").toEnum(..)");
    }
  }

  private static void define(Map<Attribute, List<Source>> sources, Source source) {
    sources.computeIfAbsent(source.schema().ident(), a -> new ArrayList<>()).add(source);
  }

  private static String rename(List<Source> defined) {
    Source other =
        defined.stream()
            .filter(s -> !s.identity() && s.columns().size() == 1)
            .reduce((a, b) -> b)
            .orElse(defined.get(defined.size() - 1));
    String name = other.schema().ident().name() + "-2";
    if (other.identity()) {
      return Problems.tableCall(other.table())
          + ".toEntity(..).identifiedBy(..).as(\""
          + name
          + "\")";
    }
    if (other.what().startsWith("column")) {
      return Problems.tableCall(other.table())
          + "...column("
          + Problems.quote(other.columns().get(0))
          + ").to(\""
          + name
          + "\")";
    }
    return Problems.tableCall(other.table())
        + "...ref("
        + Problems.quoted(other.columns())
        + ").to(\""
        + name
        + "\"), or .bridge(..)...as(..) with another name";
  }
}
