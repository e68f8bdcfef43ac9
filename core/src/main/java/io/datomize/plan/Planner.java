package io.datomize.plan;

import io.datomize.catalog.Column;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.RefMapping;
import io.datomize.spi.ContentKey;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Orders a mapping into a {@link Plan}. A ref is asserted as a lookup ref on its target's identity,
 * so the rows of a table are loaded after the rows of every table it references. Refs that make
 * this impossible (self-references and cycles between tables) are deferred to link steps, as few as
 * possible; {@link PlanOptions} may force the choice.
 */
public final class Planner {
  private static final Set<TypeFamily> TEXT_STAND_IN =
      EnumSet.of(TypeFamily.TIME, TypeFamily.INTERVAL, TypeFamily.OTHER);

  private final SourceSchema schema;
  private final Mapping mapping;
  private final PlanOptions options;
  private final List<String> problems = new ArrayList<>();

  private Planner(SourceSchema schema, Mapping mapping, PlanOptions options) {
    this.schema = schema;
    this.mapping = mapping;
    this.options = options;
  }

  /**
   * Plans the migration of {@code schema} by {@code mapping}. The mapping should be validated
   * against the schema first; the planner itself checks only what ordering needs.
   *
   * @throws IllegalArgumentException listing every problem: tables missing from the schema, refs
   *     and bridges to unmapped tables, forced choices that name no ref or cannot be honoured (a
   *     cycle of refs that may never be deferred)
   */
  public static Plan plan(SourceSchema schema, Mapping mapping, PlanOptions options) {
    return new Planner(schema, mapping, options).plan();
  }

  /** {@link #plan(SourceSchema, Mapping, PlanOptions)} with {@link PlanOptions#defaults()}. */
  public static Plan plan(SourceSchema schema, Mapping mapping) {
    return plan(schema, mapping, PlanOptions.defaults());
  }

  private Plan plan() {
    List<EntityMapping> entities =
        mapping.entities().stream().sorted(Comparator.comparing(EntityMapping::table)).toList();
    Map<TableName, Integer> index = new HashMap<>();
    entities.forEach(e -> index.put(e.table(), index.size()));
    checkReferences(entities, index);
    List<DeferredRef> deferred = chooseDeferred(entities, index);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot plan the migration:\n  - " + String.join("\n  - ", problems));
    }
    Set<RefMapping> deferredRefs =
        deferred.stream().map(DeferredRef::ref).collect(Collectors.toSet());
    List<EntityMapping> order = loadOrder(entities, index, deferredRefs);

    List<PlanStep> steps = new ArrayList<>();
    steps.add(new InstallSchemaStep(mapping.targetSchema()));
    for (EntityMapping entity : order) {
      steps.add(loadStep(entity, deferredRefs));
    }
    for (EntityMapping entity : order) {
      List<RefMapping> refs = entity.refs().stream().filter(deferredRefs::contains).toList();
      if (!refs.isEmpty()) {
        List<String> keys = entity.identity().columns();
        steps.add(
            new LinkStep(
                entity.table(),
                entity,
                refs,
                keys,
                readColumns(entity.table(), keys, refColumns(refs)),
                table(entity.table()).estimatedRows()));
      }
    }
    mapping.bridges().stream()
        .sorted(Comparator.comparing(BridgeMapping::table))
        .map(this::bridgeStep)
        .forEach(steps::add);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot plan the migration:\n  - " + String.join("\n  - ", problems));
    }
    steps.add(new VerifyStep());
    List<DeferredRef> deferredInOrder = new ArrayList<>();
    order.forEach(
        e ->
            deferred.stream()
                .filter(d -> d.table().equals(e.table()))
                .forEach(deferredInOrder::add));
    return new Plan(mapping, options, steps, deferredInOrder, warnings(order));
  }

  private void checkReferences(List<EntityMapping> entities, Map<TableName, Integer> index) {
    for (EntityMapping entity : entities) {
      if (schema.findTable(entity.table()).isEmpty()) {
        problems.add(
            "table "
                + entity.table()
                + " is mapped but not in the source schema; map an existing table");
      }
      for (RefMapping ref : entity.refs()) {
        if (!index.containsKey(ref.target())) {
          problems.add(
              entity.table()
                  + "."
                  + Explanation.columns(ref.columns())
                  + " -> "
                  + ref.attribute()
                  + " references "
                  + ref.target()
                  + ", which is not mapped as an entity; map it, or skip the column");
        }
      }
    }
    for (BridgeMapping bridge : mapping.bridges()) {
      if (schema.findTable(bridge.table()).isEmpty()) {
        problems.add("bridge table " + bridge.table() + " is not in the source schema");
      }
      for (TableName end : List.of(bridge.owner(), bridge.target())) {
        if (!index.containsKey(end)) {
          problems.add(
              "bridge "
                  + bridge.table()
                  + " -> "
                  + bridge.attribute()
                  + " connects "
                  + end
                  + ", which is not mapped as an entity; map it, or skip the bridge");
        }
      }
    }
    Set<Attribute> refAttributes =
        entities.stream()
            .flatMap(e -> e.refs().stream())
            .map(RefMapping::attribute)
            .collect(Collectors.toSet());
    for (Attribute forced : union(options.deferred(), options.neverDeferred())) {
      if (!refAttributes.contains(forced)) {
        problems.add(
            "PlanOptions names "
                + forced
                + ", which is not a ref attribute of the mapping; known refs: "
                + new java.util.TreeSet<>(refAttributes));
      }
    }
  }

  private static <T> Set<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
    Set<T> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  private List<DeferredRef> chooseDeferred(
      List<EntityMapping> entities, Map<TableName, Integer> index) {
    List<DeferredRef> deferred = new ArrayList<>();
    List<RefMapping> free = new ArrayList<>();
    List<TableName> owners = new ArrayList<>();
    for (EntityMapping entity : entities) {
      for (RefMapping ref : entity.refs()) {
        boolean never = options.neverDeferred().contains(ref.attribute());
        if (options.deferred().contains(ref.attribute())) {
          deferred.add(new DeferredRef(entity.table(), ref, DeferredRef.Reason.FORCED, List.of()));
        } else if (ref.target().equals(entity.table())) {
          if (never) {
            problems.add(
                ref.attribute()
                    + " is a self-reference of "
                    + entity.table()
                    + " and cannot be loaded with "
                    + "its entity (a row may reference a row loaded after it); remove it from PlanOptions.neverDeferred");
          }
          deferred.add(
              new DeferredRef(entity.table(), ref, DeferredRef.Reason.SELF_REFERENCE, List.of()));
        } else if (index.containsKey(ref.target())) {
          free.add(ref);
          owners.add(entity.table());
        }
      }
    }
    int[] from = new int[free.size()];
    int[] to = new int[free.size()];
    boolean[] never = new boolean[free.size()];
    for (int e = 0; e < free.size(); e++) {
      from[e] = index.get(owners.get(e));
      to[e] = index.get(free.get(e).target());
      never[e] = options.neverDeferred().contains(free.get(e).attribute());
    }
    CycleBreaker breaker = new CycleBreaker(index.size(), from, to, never);
    List<Integer> neverCycle = breaker.cycleOfNeverDeferred();
    if (!neverCycle.isEmpty()) {
      problems.add(
          "the refs PlanOptions.neverDeferred names form a cycle "
              + names(entities, neverCycle)
              + ", so one of them must be deferred; remove one of them from neverDeferred");
      return deferred;
    }
    boolean[] chosen = breaker.chooseDeferred();
    for (int e = 0; e < chosen.length; e++) {
      if (chosen[e]) {
        List<TableName> cycle = entities.stream().map(EntityMapping::table).toList();
        deferred.add(
            new DeferredRef(
                owners.get(e),
                free.get(e),
                DeferredRef.Reason.CYCLE,
                breaker.cycleThrough(e).stream().map(cycle::get).toList()));
      }
    }
    return deferred;
  }

  private static String names(List<EntityMapping> entities, List<Integer> indexes) {
    return indexes.stream()
        .map(i -> entities.get(i).table().toString())
        .collect(Collectors.joining(" -> "));
  }

  /**
   * Kahn's topological sort over the refs that are not deferred; ties go to the smaller table name.
   */
  private static List<EntityMapping> loadOrder(
      List<EntityMapping> entities, Map<TableName, Integer> index, Set<RefMapping> deferred) {
    int[] pending = new int[entities.size()];
    List<List<Integer>> referencedBy = new ArrayList<>();
    entities.forEach(e -> referencedBy.add(new ArrayList<>()));
    for (EntityMapping entity : entities) {
      int owner = index.get(entity.table());
      for (RefMapping ref : entity.refs()) {
        if (!deferred.contains(ref) && index.containsKey(ref.target())) {
          pending[owner]++;
          referencedBy.get(index.get(ref.target())).add(owner);
        }
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < pending.length; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<EntityMapping> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      int next = ready.poll();
      order.add(entities.get(next));
      for (int owner : referencedBy.get(next)) {
        if (--pending[owner] == 0) {
          ready.add(owner);
        }
      }
    }
    if (order.size() != entities.size()) {
      throw new IllegalStateException(
          "the refs left after deferral still form a cycle; this is a bug in Datomize");
    }
    return order;
  }

  private LoadStep loadStep(EntityMapping entity, Set<RefMapping> deferred) {
    List<RefMapping> inline = entity.refs().stream().filter(r -> !deferred.contains(r)).toList();
    List<RefMapping> later = entity.refs().stream().filter(deferred::contains).toList();
    List<String> used = new ArrayList<>();
    entity.attributes().forEach(a -> used.add(a.column()));
    used.addAll(refColumns(inline));
    entity.uniqueKeys().forEach(k -> used.addAll(k.columns()));
    List<String> keys = entity.identity().columns();
    return new LoadStep(
        entity.table(),
        entity,
        inline,
        later,
        keys,
        readColumns(entity.table(), keys, used),
        table(entity.table()).estimatedRows());
  }

  private static List<String> refColumns(List<RefMapping> refs) {
    return refs.stream().flatMap(r -> r.columns().stream()).toList();
  }

  /** Key columns first, then the other used columns in the table's column order. */
  private List<String> readColumns(TableName table, List<String> keys, List<String> used) {
    Set<String> columns = new LinkedHashSet<>(keys);
    Set<String> wanted = new HashSet<>(used);
    table(table).columns().stream()
        .map(Column::name)
        .filter(wanted::contains)
        .forEach(columns::add);
    columns.addAll(used);
    return List.copyOf(columns);
  }

  private Table table(TableName name) {
    return schema.table(name);
  }

  private BridgeStep bridgeStep(BridgeMapping bridge) {
    Table table = table(bridge.table());
    BridgeMapping resolved =
        BridgeMapping.builder()
            .from(bridge)
            .ownerColumns(
                identityOrder(
                    bridge, table, bridge.owner(), bridge.ownerColumns(), Optional.empty()))
            .targetColumns(
                identityOrder(
                    bridge,
                    table,
                    bridge.target(),
                    bridge.targetColumns(),
                    bridge.targetAttribute()))
            .build();
    List<String> keys =
        table.hasPrimaryKey()
            ? table.primaryKey()
            : List.copyOf(union(resolved.ownerColumns(), resolved.targetColumns()));
    List<String> used = new ArrayList<>(resolved.ownerColumns());
    used.addAll(resolved.targetColumns());
    return new BridgeStep(
        resolved, keys, readColumns(bridge.table(), keys, used), table.estimatedRows());
  }

  /**
   * The bridge's columns toward {@code end}, reordered to match the columns of the end's identity
   * (or of its unique attribute {@code lookup}) through the bridge's foreign key; as given when the
   * bridge has no such foreign key.
   */
  private List<String> identityOrder(
      BridgeMapping bridge,
      Table table,
      TableName end,
      List<String> columns,
      Optional<Attribute> lookup) {
    EntityMapping entity = mapping.entity(end).orElseThrow();
    List<String> identity;
    try {
      identity = entity.lookupColumns(lookup.orElse(entity.identity().attribute()));
    } catch (IllegalArgumentException e) {
      problems.add("bridge " + bridge.table() + ": " + e.getMessage());
      return columns;
    }
    Optional<ForeignKey> fk =
        table.foreignKeys().stream()
            .filter(
                k -> k.target().equals(end) && Set.copyOf(k.columns()).equals(Set.copyOf(columns)))
            .findFirst();
    if (fk.isEmpty()) {
      return columns;
    }
    if (!Set.copyOf(fk.get().targetColumns()).equals(Set.copyOf(identity))) {
      problems.add(
          "bridge "
              + bridge.table()
              + ": its foreign key "
              + fk.get().name()
              + " references "
              + Explanation.qualified(end, fk.get().targetColumns())
              + ", but "
              + end
              + " is identified by "
              + Explanation.columns(identity)
              + "; identify "
              + end
              + " by the referenced key");
      return columns;
    }
    return identity.stream()
        .map(c -> fk.get().columns().get(fk.get().targetColumns().indexOf(c)))
        .toList();
  }

  private static final String CASE_BLIND =
      ": citext finds a row whatever the case, a lookup ref only in the same case, so a row whose"
          + " value differs in case from the key it references is rejected; make the cases agree"
          + " in the source";

  private static final String PADDING_BLIND =
      ": char(n) and the other text types compare ignoring trailing spaces, a lookup ref does not,"
          + " so a row whose value differs from the key it references only in padding is rejected;"
          + " give both columns the same type, or read the table through a view that casts one";

  /**
   * The first of the ref's columns that is {@code char(n)} where the key it references is another
   * text type, or the other way round.
   */
  private Optional<String> paddingBlind(Table table, RefMapping ref) {
    Optional<Table> target = schema.findTable(ref.target());
    for (int i = 0; i < ref.columns().size() && target.isPresent(); i++) {
      Optional<Column> from = table.column(ref.columns().get(i));
      Optional<Column> to = target.get().column(ref.targetColumns().get(i));
      if (from.isPresent()
          && to.isPresent()
          && isPaddedText(from.get()) != isPaddedText(to.get())
          && from.get().type().family() == TypeFamily.TEXT
          && to.get().type().family() == TypeFamily.TEXT) {
        return Optional.of(from.get().name());
      }
    }
    return Optional.empty();
  }

  private static boolean isPaddedText(Column column) {
    return column.type().sqlName().equals("bpchar");
  }

  /** The first of {@code columns} of a type that compares without case ({@code citext}). */
  private static Optional<String> caseInsensitive(Table table, List<String> columns) {
    return columns.stream()
        .filter(
            c -> table.column(c).filter(col -> col.type().sqlName().equals("citext")).isPresent())
        .findFirst();
  }

  private static boolean isTimestamp(Table table, String column) {
    return table
        .column(column)
        .map(c -> c.type().family())
        .filter(f -> f == TypeFamily.TIMESTAMP || f == TypeFamily.TIMESTAMPTZ)
        .isPresent();
  }

  private List<String> warnings(List<EntityMapping> order) {
    List<String> warnings = new ArrayList<>();
    List<String> timestamps = new ArrayList<>();
    Map<TableName, String> tableNotes = new TreeMap<>();
    for (EntityMapping entity : order) {
      Table table = table(entity.table());
      if (ContentKey.isContentKey(entity.identity().columns())) {
        warnings.add(
            entity.table()
                + " has no primary key and no unique key of not-null columns: each row is "
                + "identified by its content ("
                + entity.identity().attribute()
                + ", a hash of the row's values and its "
                + "occurrence among equal rows), so duplicate rows stay separate entities and verification compares the "
                + "rows as a multiset");
      } else if (!table.hasPrimaryKey()) {
        warnings.add(
            entity.table()
                + " has no primary key: its rows are identified and read in order of "
                + Explanation.columns(entity.identity().columns())
                + ", which must be unique and not null");
      }
      List<String> textKey =
          entity.identity().columns().stream()
              .filter(
                  c ->
                      table
                          .column(c)
                          .filter(col -> TEXT_STAND_IN.contains(col.type().family()))
                          .isPresent())
              .toList();
      if (!textKey.isEmpty()) {
        warnings.add(
            entity.table()
                + " is identified by the text of "
                + Explanation.columns(textKey)
                + " in "
                + entity.identity().attribute()
                + " ("
                + textKey.stream()
                    .map(c -> table.column(c).orElseThrow().type().toString())
                    .distinct()
                    .collect(Collectors.joining(", "))
                + " has no Datomic value type), as PostgreSQL prints it");
      }
      List<String> timestampKey = new ArrayList<>();
      for (int i = 0; i < entity.identity().columns().size(); i++) {
        String column = entity.identity().columns().get(i);
        if (entity.identity().valueTypes().get(i) == ValueType.INSTANT
            && isTimestamp(table, column)) {
          timestampKey.add(column);
        }
      }
      if (!timestampKey.isEmpty()) {
        warnings.add(
            entity.table()
                + " is identified by the timestamp "
                + Explanation.columns(timestampKey)
                + ", kept to the millisecond in "
                + entity.identity().attribute()
                + ": of rows whose keys fall in one millisecond, all but the first are rejected");
      }
      for (AttributeMapping attribute : entity.attributes()) {
        String what = entity.table() + "." + attribute.column() + " -> " + attribute.attribute();
        if (attribute.cardinality() == Cardinality.MANY) {
          warnings.add(
              what + ": array order and duplicates are lost (cardinality-many values are a set)");
        }
        Optional<TypeFamily> family = table.column(attribute.column()).map(c -> c.type().family());
        if (attribute.valueType() == ValueType.INSTANT && isTimestamp(table, attribute.column())) {
          timestamps.add(entity.table() + "." + attribute.column());
        }
        boolean toText =
            attribute.converter().map(c -> c == Converters.toText()).orElse(false)
                || (attribute.converter().isEmpty()
                    && attribute.valueType() == ValueType.STRING
                    && family.filter(TEXT_STAND_IN::contains).isPresent());
        if (attribute.converter().filter(c -> c == Converters.arrayToJson()).isPresent()) {
          warnings.add(
              what
                  + ": a multidimensional array, stored as the text of a JSON array (nested arrays,"
                  + " null for a null element)");
        }
        if (toText) {
          warnings.add(
              what
                  + ": stored as text ("
                  + table
                      .column(attribute.column())
                      .map(c -> c.type().toString())
                      .orElse("unknown type")
                  + " has no Datomic value type)");
        }
      }
      for (RefMapping ref : entity.refs()) {
        caseInsensitive(table, ref.columns())
            .ifPresent(
                column ->
                    warnings.add(
                        entity.table() + "." + column + " -> " + ref.attribute() + CASE_BLIND));
        paddingBlind(table, ref)
            .ifPresent(
                column ->
                    warnings.add(
                        entity.table() + "." + column + " -> " + ref.attribute() + PADDING_BLIND));
      }
      entity
          .skippedColumns()
          .forEach(c -> warnings.add(entity.table() + "." + c + ": column skipped"));
      Set<String> covered = new HashSet<>(entity.identity().columns());
      entity.attributes().forEach(a -> covered.add(a.column()));
      entity.refs().forEach(r -> covered.addAll(r.columns()));
      covered.addAll(entity.skippedColumns());
      table.columns().stream()
          .map(Column::name)
          .filter(c -> !covered.contains(c))
          .forEach(
              c ->
                  warnings.add(
                      entity.table()
                          + "."
                          + c
                          + ": column not mapped (neither migrated nor skipped)"));
    }
    mapping.skippedTables().forEach(t -> tableNotes.put(t, t + ": table skipped"));
    for (BridgeMapping bridge : mapping.bridges()) {
      List<String> ends = new ArrayList<>(bridge.ownerColumns());
      ends.addAll(bridge.targetColumns());
      caseInsensitive(table(bridge.table()), ends)
          .ifPresent(
              column ->
                  warnings.add(
                      "bridge "
                          + bridge.table()
                          + "."
                          + column
                          + " -> "
                          + bridge.attribute()
                          + CASE_BLIND));
      bridge
          .droppedColumns()
          .forEach(
              c ->
                  warnings.add(
                      "bridge "
                          + bridge.table()
                          + "."
                          + c
                          + ": column not migrated ("
                          + bridge.dropReason(c)
                          + ")"));
    }
    Set<TableName> mapped = new HashSet<>(mapping.skippedTables());
    mapping.entities().forEach(e -> mapped.add(e.table()));
    mapping.bridges().forEach(b -> mapped.add(b.table()));
    schema.tables().stream()
        .map(Table::name)
        .filter(t -> !mapped.contains(t))
        .forEach(t -> tableNotes.put(t, t + ": table not mapped (neither migrated nor skipped)"));
    warnings.addAll(tableNotes.values());
    mapping
        .options()
        .negativeInfinity()
        .ifPresent(
            negative ->
                warnings.add(
                    "-infinity and infinity in date and"
                        + " timestamp columns load as "
                        + negative
                        + " and "
                        + mapping.options().positiveInfinity().orElseThrow()));
    if (!timestamps.isEmpty()) {
      warnings.add(
          "timestamps are kept to the millisecond, as Datomic instants are (sub-millisecond digits are"
              + " dropped): "
              + String.join(", ", timestamps));
    }
    return warnings;
  }
}
