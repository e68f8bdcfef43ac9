package io.datomize.jdbc.internal;

import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.datomize.catalog.EnumCandidate;
import io.datomize.catalog.EnumType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.spi.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link SourceSchema} from PostgreSQL's own catalog (pg_catalog), which alone knows
 * partitions, enum labels, domains and constraint definitions. Partitions are folded into their
 * topmost partitioned parent; constraints declared only on partitions are not lifted to the parent.
 */
public final class PgCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(PgCatalog.class);

  private static final Field<Long> C_OID = field(name("c", "oid"), Long.class);
  private static final Field<String> C_NAME = field(name("c", "relname"), String.class);
  private static final Field<String> C_KIND = field(name("c", "relkind"), String.class);
  private static final Field<Double> C_TUPLES = field(name("c", "reltuples"), Double.class);
  private static final Field<Boolean> C_PARTITION =
      field(name("c", "relispartition"), Boolean.class);
  private static final Field<String> C_COMMENT =
      function(name("pg_catalog", "obj_description"), String.class, C_OID, inline("pg_class"));

  /** Asked only of tables with row security on: a function call per relation costs. */
  private static final Field<Boolean> C_ROW_SECURITY_ACTIVE =
      when(
              field(name("c", "relrowsecurity"), Boolean.class).isTrue(),
              function("row_security_active", Boolean.class, C_OID))
          .otherwise(inline(false));

  private static final Field<String> N_NAME = field(name("n", "nspname"), String.class);
  private static final Field<Long> I_CHILD = field(name("i", "inhrelid"), Long.class);
  private static final Field<Long> I_PARENT = field(name("i", "inhparent"), Long.class);
  private static final Field<Long> A_REL = field(name("a", "attrelid"), Long.class);
  private static final Field<Short> A_NUM = field(name("a", "attnum"), Short.class);
  private static final Field<String> A_NAME = field(name("a", "attname"), String.class);
  private static final Field<Long> A_TYPE = field(name("a", "atttypid"), Long.class);
  private static final Field<Integer> A_TYPMOD = field(name("a", "atttypmod"), Integer.class);
  private static final Field<Boolean> A_NOT_NULL = field(name("a", "attnotnull"), Boolean.class);
  private static final Field<Integer> A_DIMS = field(name("a", "attndims"), Integer.class);
  private static final Field<String> A_COMMENT =
      function(name("pg_catalog", "col_description"), String.class, A_REL, A_NUM);
  private static final Field<String> A_DEFAULT =
      function(
          name("pg_catalog", "pg_get_expr"),
          String.class,
          field(name("d", "adbin")),
          field(name("d", "adrelid")));
  private static final Field<Long> K_REL = field(name("k", "conrelid"), Long.class);
  private static final Field<String> K_NAME = field(name("k", "conname"), String.class);
  private static final Field<String> K_TYPE = field(name("k", "contype"), String.class);
  private static final Field<Short[]> K_COLUMNS = field(name("k", "conkey"), Short[].class);
  private static final Field<Long> K_TARGET = field(name("k", "confrelid"), Long.class);
  private static final Field<Short[]> K_TARGET_COLUMNS = field(name("k", "confkey"), Short[].class);
  private static final Field<String> K_DEFINITION =
      function(name("pg_catalog", "pg_get_constraintdef"), String.class, field(name("k", "oid")));
  private static final Field<Long> X_REL = field(name("x", "indrelid"), Long.class);
  private static final Field<Short[]> X_COLUMNS =
      field(name("x", "indkey")).cast(SQLDataType.SMALLINT.array());
  private static final Field<Long> E_TYPE = field(name("e", "enumtypid"), Long.class);
  private static final Field<String> E_LABEL = field(name("e", "enumlabel"), String.class);
  private static final Field<String> T_NAME = field(name("t", "typname"), String.class);

  private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema");

  private record Relation(
      long oid,
      TableName name,
      char kind,
      double tuples,
      boolean isPartition,
      String comment,
      boolean isRowSecurityActive) {
    boolean isListed(boolean includeViews) {
      return !isPartition
          && (kind == 'r' || kind == 'p' || includeViews && (kind == 'v' || kind == 'm'));
    }
  }

  private final DSLContext sql;

  public PgCatalog(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * The tables (and, when asked, views) of {@code schemas}, with the enum types they use or the
   * schemas hold.
   *
   * @throws SourceException when one of {@code schemas} does not exist or holds nothing to read,
   *     naming the schemas there are: a typo must not migrate and verify nothing
   */
  public SourceSchema read(Collection<String> schemas, boolean includeViews) {
    Map<Long, Relation> relations = relations();
    checkSelection(schemas, includeViews, relations.values());
    Map<Long, Long> parentOf = partitionParents(relations);
    List<Relation> tables =
        relations.values().stream()
            .filter(r -> schemas.contains(r.name().schema()) && r.isListed(includeViews))
            .sorted(Comparator.comparing(Relation::name))
            .toList();
    Long[] oids = tables.stream().map(Relation::oid).toArray(Long[]::new);
    Map<Long, List<Record>> constraints =
        groupBy(
            sql.select(K_REL, K_NAME, K_TYPE, K_COLUMNS, K_TARGET, K_TARGET_COLUMNS, K_DEFINITION)
                .from(table(name("pg_catalog", "pg_constraint")).as("k"))
                .where(K_REL.cast(SQLDataType.BIGINT).eq(any(oids)))
                .and(field(name("k", "conparentid"), Long.class).eq(0L))
                .and(K_TYPE.cast(SQLDataType.VARCHAR).in("p", "f", "c"))
                .orderBy(K_REL, K_NAME)
                .fetch(),
            K_REL);
    Map<Long, List<Record>> uniqueIndexes =
        groupBy(
            sql.select(X_REL, C_NAME, X_COLUMNS)
                .from(table(name("pg_catalog", "pg_index")).as("x"))
                .join(table(name("pg_catalog", "pg_class")).as("c"))
                .on(C_OID.eq(field(name("x", "indexrelid"), Long.class)))
                .where(X_REL.cast(SQLDataType.BIGINT).eq(any(oids)))
                .and(field(name("x", "indisunique"), Boolean.class).isTrue())
                .and(field(name("x", "indisprimary"), Boolean.class).isFalse())
                .and(field(name("x", "indpred")).isNull())
                .and(field(name("x", "indexprs")).isNull())
                .orderBy(X_REL, C_NAME)
                .fetch(),
            X_REL);
    Map<Long, Set<Integer>> indexed = indexedColumns(oids);
    Map<Long, Set<Integer>> unreadable = unreadableColumns(oids);
    Set<Long> described = new HashSet<>(Arrays.asList(oids));
    constraints.values().forEach(list -> list.forEach(k -> described.add(k.get(K_TARGET))));
    described.remove(0L);
    Map<Long, List<PgColumn>> columns = columns(described.toArray(Long[]::new));

    List<Table> result = new ArrayList<>();
    for (Relation relation : tables) {
      List<PgColumn> tableColumns = columns.getOrDefault(relation.oid(), List.of());
      List<Relation> partitions = leafPartitions(relation.oid(), relations, parentOf);
      Set<Integer> indexedNumbers = indexed.getOrDefault(relation.oid(), Set.of());
      Set<Integer> unreadableNumbers = unreadable.getOrDefault(relation.oid(), Set.of());
      Table.Builder table =
          Table.builder()
              .name(relation.name())
              .comment(Optional.ofNullable(relation.comment()))
              .columns(
                  tableColumns.stream()
                      .map(
                          c ->
                              c.toColumn(indexedNumbers.contains(c.number()))
                                  .readable(!unreadableNumbers.contains(c.number())))
                      .toList())
              .partitions(partitions.stream().map(Relation::name).sorted().toList())
              .estimatedRows(estimatedRows(relation, partitions))
              .isRowSecurityActive(relation.isRowSecurityActive());
      for (Record constraint : constraints.getOrDefault(relation.oid(), List.of())) {
        addConstraint(table, constraint, columns, relations, parentOf);
      }
      for (Record index : uniqueIndexes.getOrDefault(relation.oid(), List.of())) {
        columnNames(index.get(X_COLUMNS), tableColumns)
            .ifPresent(names -> table.addUniqueKeys(UniqueKey.of(index.get(C_NAME), names)));
      }
      result.add(table.build());
    }
    List<List<PgColumn>> tableColumns =
        tables.stream().map(t -> columns.getOrDefault(t.oid(), List.of())).toList();
    return SourceSchema.builder()
        .tables(result)
        .enumTypes(enumTypes(schemas, tableColumns))
        .build();
  }

  /** One table or view with its columns in catalog order; empty when there is none of that name. */
  public Optional<PgRelation> relation(TableName table) {
    Record found =
        sql.select(C_OID, C_KIND)
            .from(table(name("pg_catalog", "pg_class")).as("c"))
            .join(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
            .where(N_NAME.eq(table.schema()))
            .and(C_NAME.eq(table.name()))
            .and(C_KIND.cast(SQLDataType.VARCHAR).in("r", "p", "v", "m"))
            .fetchOne();
    if (found == null) {
      return Optional.empty();
    }
    Long oid = found.get(C_OID);
    return Optional.of(
        new PgRelation(
            table,
            found.get(C_KIND).charAt(0),
            columns(new Long[] {oid}).getOrDefault(oid, List.of())));
  }

  private void checkSelection(
      Collection<String> schemas, boolean includeViews, Collection<Relation> relations) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String schema :
        sql.select(N_NAME)
            .from(table(name("pg_catalog", "pg_namespace")).as("n"))
            .where(N_NAME.notIn(SYSTEM_SCHEMAS))
            .and(N_NAME.notLike("pg\\_toast%"))
            .and(N_NAME.notLike("pg\\_temp\\_%"))
            .fetch(N_NAME)) {
      counts.put(schema, 0);
    }
    relations.stream()
        .filter(r -> r.isListed(includeViews))
        .forEach(r -> counts.merge(r.name().schema(), 1, Integer::sum));
    List<String> missing = schemas.stream().filter(s -> !counts.containsKey(s)).toList();
    List<String> empty = schemas.stream().filter(s -> counts.getOrDefault(s, -1) == 0).toList();
    if (missing.isEmpty() && empty.isEmpty()) {
      return;
    }
    String what = includeViews ? "table or view" : "table";
    String problem =
        !missing.isEmpty()
            ? (missing.size() == 1
                ? "schema " + missing.get(0) + " does not exist"
                : "schemas " + missing + " do not exist")
            : (empty.size() == 1
                ? "schema " + empty.get(0) + " holds no " + what
                : "schemas " + empty + " hold no " + what);
    if (!missing.isEmpty() && !empty.isEmpty()) {
      problem +=
          ", and "
              + String.join(", ", empty)
              + " "
              + (empty.size() == 1 ? "holds" : "hold")
              + " no "
              + what;
    }
    String there =
        counts.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + " ("
                        + e.getValue()
                        + " "
                        + (e.getValue() != 1
                            ? what.replace("table", "tables").replace(" or view", " and views")
                            : what)
                        + ")")
            .collect(Collectors.joining(", "));
    String hint =
        includeViews || empty.isEmpty() ? "" : "; views are not read unless includeViews(true)";
    throw new SourceException(
        problem + "; the schemas there are: " + (there.isEmpty() ? "none" : there) + hint, null);
  }

  /**
   * The columns that alone form the key of a plain B-tree index (unique or not, not partial, not an
   * expression).
   */
  private Map<Long, Set<Integer>> indexedColumns(Long[] oids) {
    Map<Long, Set<Integer>> indexed = new HashMap<>();
    for (Record r :
        sql.select(X_REL, X_COLUMNS)
            .from(table(name("pg_catalog", "pg_index")).as("x"))
            .join(table(name("pg_catalog", "pg_class")).as("c"))
            .on(C_OID.eq(field(name("x", "indexrelid"), Long.class)))
            .join(table(name("pg_catalog", "pg_am")).as("am"))
            .on(field(name("am", "oid")).eq(field(name("c", "relam"))))
            .where(X_REL.cast(SQLDataType.BIGINT).eq(any(oids)))
            .and(field(name("am", "amname"), String.class).eq("btree"))
            .and(field(name("x", "indnkeyatts"), Integer.class).eq(1))
            .and(field(name("x", "indpred")).isNull())
            .and(field(name("x", "indexprs")).isNull())
            .fetch()) {
      Short column = r.get(X_COLUMNS)[0];
      if (column != null && column > 0) {
        indexed.computeIfAbsent(r.get(X_REL), k -> new HashSet<>()).add(column.intValue());
      }
    }
    return indexed;
  }

  /**
   * By table, the numbers of the columns the connection's user may not select (no privilege on the
   * table nor on the column, or no use of its schema), so that a mapping that reads them fails to
   * validate instead of stopping the run at that table.
   */
  private Map<Long, Set<Integer>> unreadableColumns(Long[] oids) {
    Map<Long, Set<Integer>> unreadable = new HashMap<>();
    for (Record r :
        sql.select(A_REL, A_NUM)
            .from(table(name("pg_catalog", "pg_attribute")).as("a"))
            .join(table(name("pg_catalog", "pg_class")).as("c"))
            .on(C_OID.eq(A_REL))
            .where(A_REL.cast(SQLDataType.BIGINT).eq(any(oids)))
            .and(A_NUM.gt((short) 0))
            .and(field(name("a", "attisdropped"), Boolean.class).isFalse())
            .andNot(
                condition(
                        function(
                            "has_column_privilege", Boolean.class, A_REL, A_NUM, inline("SELECT")))
                    .and(
                        condition(
                            function(
                                "has_schema_privilege",
                                Boolean.class,
                                field(name("c", "relnamespace")),
                                inline("USAGE")))))
            .fetch()) {
      unreadable.computeIfAbsent(r.get(A_REL), k -> new HashSet<>()).add(r.get(A_NUM).intValue());
    }
    return unreadable;
  }

  private Map<Long, Relation> relations() {
    Map<Long, Relation> relations = new HashMap<>();
    for (Record r :
        sql.select(
                C_OID,
                N_NAME,
                C_NAME,
                C_KIND,
                C_TUPLES,
                C_PARTITION,
                C_COMMENT,
                C_ROW_SECURITY_ACTIVE)
            .from(table(name("pg_catalog", "pg_class")).as("c"))
            .join(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
            .where(C_KIND.cast(SQLDataType.VARCHAR).in("r", "p", "v", "m"))
            .and(N_NAME.notIn(SYSTEM_SCHEMAS))
            .fetch()) {
      relations.put(
          r.get(C_OID),
          new Relation(
              r.get(C_OID),
              TableName.of(r.get(N_NAME), r.get(C_NAME)),
              r.get(C_KIND).charAt(0),
              r.get(C_TUPLES),
              r.get(C_PARTITION),
              r.get(C_COMMENT),
              r.get(C_ROW_SECURITY_ACTIVE)));
    }
    return relations;
  }

  private Map<Long, Long> partitionParents(Map<Long, Relation> relations) {
    Map<Long, Long> parentOf = new HashMap<>();
    for (Record r :
        sql.select(I_CHILD, I_PARENT)
            .from(table(name("pg_catalog", "pg_inherits")).as("i"))
            .fetch()) {
      Relation child = relations.get(r.get(I_CHILD));
      if (child != null && child.isPartition()) {
        parentOf.put(r.get(I_CHILD), r.get(I_PARENT));
      }
    }
    return parentOf;
  }

  /** The partitions that hold rows, however deep the partitioning goes. */
  private static List<Relation> leafPartitions(
      long oid, Map<Long, Relation> relations, Map<Long, Long> parentOf) {
    List<Relation> leaves = new ArrayList<>();
    parentOf.forEach(
        (child, parent) -> {
          if (parent == oid) {
            Relation partition = relations.get(child);
            if (partition.kind() == 'p') {
              leaves.addAll(leafPartitions(child, relations, parentOf));
            } else {
              leaves.add(partition);
            }
          }
        });
    return leaves;
  }

  /** A foreign key may reference a partition directly; the schema only knows its topmost parent. */
  private static TableName foldedName(
      long oid, Map<Long, Relation> relations, Map<Long, Long> parentOf) {
    long top = oid;
    while (parentOf.containsKey(top)) {
      top = parentOf.get(top);
    }
    return relations.get(top).name();
  }

  /** reltuples is -1 for a table never analysed; a partitioned parent holds no rows itself. */
  private static long estimatedRows(Relation relation, List<Relation> partitions) {
    List<Relation> holders = relation.kind() == 'p' ? partitions : List.of(relation);
    double known = holders.stream().mapToDouble(Relation::tuples).filter(t -> t >= 0).sum();
    boolean anyKnown = holders.stream().anyMatch(r -> r.tuples() >= 0);
    return anyKnown ? Math.round(known) : -1;
  }

  private Map<Long, List<PgColumn>> columns(Long[] oids) {
    PgTypes types = new PgTypes(sql);
    Map<Long, List<PgColumn>> columns = new LinkedHashMap<>();
    for (Record r :
        sql.select(A_REL, A_NUM, A_NAME, A_TYPE, A_TYPMOD, A_DIMS, A_NOT_NULL, A_COMMENT, A_DEFAULT)
            .from(table(name("pg_catalog", "pg_attribute")).as("a"))
            .leftJoin(table(name("pg_catalog", "pg_attrdef")).as("d"))
            .on(field(name("d", "adrelid")).eq(A_REL))
            .and(field(name("d", "adnum")).eq(A_NUM))
            // a generated column's expression is kept in pg_attrdef too, but it is not a default
            .and(field(name("a", "attgenerated")).cast(SQLDataType.VARCHAR).eq(""))
            .where(A_REL.cast(SQLDataType.BIGINT).eq(any(oids)))
            .and(A_NUM.gt((short) 0))
            .and(field(name("a", "attisdropped"), Boolean.class).isFalse())
            .orderBy(A_REL, A_NUM)
            .fetch()) {
      columns
          .computeIfAbsent(r.get(A_REL), k -> new ArrayList<>())
          .add(
              types.column(
                  r.get(A_NUM),
                  r.get(A_NAME),
                  r.get(A_TYPE),
                  r.get(A_TYPMOD),
                  r.get(A_DIMS),
                  !r.get(A_NOT_NULL),
                  r.get(A_COMMENT),
                  r.get(A_DEFAULT)));
    }
    return columns;
  }

  private static void addConstraint(
      Table.Builder table,
      Record constraint,
      Map<Long, List<PgColumn>> columnsByOid,
      Map<Long, Relation> relations,
      Map<Long, Long> parentOf) {
    List<PgColumn> columns = columnsByOid.getOrDefault(constraint.get(K_REL), List.of());
    Optional<List<String>> names = columnNames(constraint.get(K_COLUMNS), columns);
    if (names.isEmpty()) {
      return;
    }
    switch (constraint.get(K_TYPE)) {
      case "p" -> table.primaryKey(names.get());
      case "f" -> {
        long target = constraint.get(K_TARGET);
        Optional<List<String>> targetColumns =
            columnNames(
                constraint.get(K_TARGET_COLUMNS), columnsByOid.getOrDefault(target, List.of()));
        if (relations.containsKey(target) && targetColumns.isPresent()) {
          table.addForeignKeys(
              ForeignKey.of(
                  constraint.get(K_NAME),
                  names.get(),
                  foldedName(target, relations, parentOf),
                  targetColumns.get()));
        }
      }
      case "c" ->
          enumCandidate(constraint, names.get(), columns).ifPresent(table::addEnumCandidates);
      default ->
          throw new IllegalStateException(
              "constraint type " + constraint.get(K_TYPE) + " was not asked for");
    }
  }

  private static Optional<EnumCandidate> enumCandidate(
      Record constraint, List<String> names, List<PgColumn> columns) {
    if (names.size() != 1) {
      return Optional.empty();
    }
    String definition = constraint.get(K_DEFINITION);
    Optional<EnumCandidate> candidate =
        EnumChecks.parse(definition)
            .filter(c -> c.column().equals(names.get(0)))
            .filter(
                c ->
                    columns.stream()
                        .anyMatch(
                            col ->
                                col.name().equals(c.column())
                                    && col.type().family() == TypeFamily.TEXT
                                    && !col.type().isArray()));
    if (candidate.isEmpty()) {
      LOG.debug(
          "check constraint {} is not a list of values: {}", constraint.get(K_NAME), definition);
    }
    return candidate;
  }

  /**
   * The names of columns given by number (attnum); empty when one is an expression (0) or a system
   * column.
   */
  private static Optional<List<String>> columnNames(Short[] numbers, List<PgColumn> columns) {
    if (numbers == null || numbers.length == 0) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (Short number : numbers) {
      Optional<PgColumn> column =
          columns.stream().filter(c -> number != null && c.number() == number).findFirst();
      if (column.isEmpty()) {
        return Optional.empty();
      }
      names.add(column.get().name());
    }
    return Optional.of(names);
  }

  private List<EnumType> enumTypes(Collection<String> schemas, Collection<List<PgColumn>> columns) {
    Set<String> used = new TreeSet<>();
    columns.forEach(list -> list.forEach(c -> c.type().enumType().ifPresent(used::add)));
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (Record r :
        sql.select(N_NAME, T_NAME, E_LABEL)
            .from(table(name("pg_catalog", "pg_enum")).as("e"))
            .join(table(name("pg_catalog", "pg_type")).as("t"))
            .on(field(name("t", "oid"), Long.class).eq(E_TYPE))
            .join(table(name("pg_catalog", "pg_namespace")).as("n"))
            .on(field(name("n", "oid")).eq(field(name("t", "typnamespace"))))
            .orderBy(N_NAME, T_NAME, field(name("e", "enumsortorder")))
            .fetch()) {
      String qualified = r.get(N_NAME) + "." + r.get(T_NAME);
      if (schemas.contains(r.get(N_NAME)) || used.contains(qualified)) {
        labels.computeIfAbsent(qualified, k -> new ArrayList<>()).add(r.get(E_LABEL));
      }
    }
    return labels.entrySet().stream()
        .map(
            e -> {
              int dot = e.getKey().indexOf('.');
              return EnumType.of(
                  e.getKey().substring(0, dot), e.getKey().substring(dot + 1), e.getValue());
            })
        .toList();
  }

  private static Map<Long, List<Record>> groupBy(List<? extends Record> records, Field<Long> key) {
    Map<Long, List<Record>> grouped = new HashMap<>();
    records.forEach(r -> grouped.computeIfAbsent(r.get(key), k -> new ArrayList<>()).add(r));
    return grouped;
  }
}
