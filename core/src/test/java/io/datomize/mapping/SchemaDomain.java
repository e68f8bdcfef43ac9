package io.datomize.mapping;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.EnumCandidate;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * Random source schemas for mapping properties: up to four tables, each keyed by {@code id} or by
 * the composite {@code (id, part)}, with nullable and not-null columns of several types, a CHECK
 * list on {@code status}, and foreign keys {@code <target>_id} between tables, self-references
 * included.
 */
class SchemaDomain extends DomainContextBase {
  static final List<String> TABLES = List.of("user", "post", "tag", "item");
  static final List<String> STATUS_VALUES = List.of("new", "done", "On Hold");

  /**
   * Column names that collide after kebab-casing, with each other or with the refs of user_id and
   * post_id, or that lose their table's name as a prefix unless that collides.
   */
  static final List<String> COLLIDING =
      List.of(
          "first_name",
          "FIRST_NAME",
          "firstName",
          "first-name",
          "user",
          "post",
          "email",
          "status",
          "created_at",
          "user_email",
          "post_first_name",
          "tag_status");

  static final List<String> CLEAN =
      List.of("email", "status", "created_at", "title", "score", "flag", "amount", "uid");
  static final List<TypeFamily> FAMILIES =
      List.of(
          TypeFamily.INTEGER,
          TypeFamily.TEXT,
          TypeFamily.TIMESTAMPTZ,
          TypeFamily.NUMERIC,
          TypeFamily.BOOLEAN,
          TypeFamily.UUID);

  record ColumnSpec(String name, TypeFamily family, boolean nullable) {}

  /**
   * A table to be: its columns, whether its key is composite, and the index of the table its
   * foreign key targets.
   */
  record TableSpec(
      List<ColumnSpec> columns, boolean compositeKey, int fkTarget, boolean fkNullable) {}

  /** A generated schema with the specs it was made of. */
  record GeneratedSchema(SourceSchema schema, List<TableSpec> specs) {
    boolean hasFk(int table) {
      return fkTarget(table) >= 0;
    }

    /** The index of the table the foreign key of table {@code table} targets, or -1. */
    int fkTarget(int table) {
      TableSpec spec = specs.get(table);
      int target = spec.fkTarget() < 0 ? -1 : spec.fkTarget() % specs.size();
      return target >= 0 && !specs.get(target).compositeKey() ? target : -1;
    }

    Table table(int index) {
      return schema.tables().get(index);
    }
  }

  @Provide
  Arbitrary<GeneratedSchema> schemas() {
    return schemas(CLEAN);
  }

  @Provide
  Arbitrary<CollidingSchema> collidingSchemas() {
    return schemas(COLLIDING).map(CollidingSchema::new);
  }

  /** A schema whose column names often collide after kebab-casing. */
  record CollidingSchema(GeneratedSchema generated) {}

  static Arbitrary<GeneratedSchema> schemas(List<String> names) {
    Arbitrary<ColumnSpec> column =
        Combinators.combine(
                Arbitraries.of(names), Arbitraries.of(FAMILIES), Arbitraries.of(true, false))
            .as(ColumnSpec::new);
    Arbitrary<TableSpec> table =
        Combinators.combine(
                column.list().ofMaxSize(5).uniqueElements(ColumnSpec::name),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(-1, 3),
                Arbitraries.of(true, false))
            .as(TableSpec::new);
    return table
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            specs -> {
              GeneratedSchema draft = new GeneratedSchema(null, specs);
              SourceSchema.Builder schema = SourceSchema.builder();
              for (int i = 0; i < specs.size(); i++) {
                schema.addTables(materialize(draft, i));
              }
              return new GeneratedSchema(schema.build(), specs);
            });
  }

  private static Table materialize(GeneratedSchema draft, int index) {
    TableSpec spec = draft.specs().get(index);
    Table.Builder table = Table.builder().name(TableName.of("public", TABLES.get(index)));
    List<String> key = spec.compositeKey() ? List.of("id", "part") : List.of("id");
    key.forEach(
        k -> table.addColumns(Column.of(k, ColumnType.of("int8", TypeFamily.INTEGER), false)));
    table.primaryKey(key);
    List<ColumnSpec> columns = new ArrayList<>(spec.columns());
    int target = draft.fkTarget(index);
    if (target >= 0) {
      String fkColumn = TABLES.get(target) + "_id";
      columns.removeIf(c -> c.name().equals(fkColumn));
      columns.add(0, new ColumnSpec(fkColumn, TypeFamily.INTEGER, spec.fkNullable()));
      table.addForeignKeys(
          ForeignKey.of(
              TABLES.get(index) + "_" + fkColumn + "_fkey",
              List.of(fkColumn),
              TableName.of("public", TABLES.get(target)),
              List.of("id")));
    }
    for (ColumnSpec column : columns) {
      table.addColumns(
          Column.of(
              column.name(),
              ColumnType.of(column.family().name().toLowerCase(), column.family()),
              column.nullable()));
      if (column.name().equals("status") && column.family() == TypeFamily.TEXT) {
        table.addEnumCandidates(EnumCandidate.of("status", STATUS_VALUES));
      }
    }
    return table.build();
  }

  /** Per column choices of a hand-written mapping. */
  record ColumnChoice(
      boolean renamed,
      int nullPolicy,
      boolean unique,
      boolean noHistory,
      boolean skip,
      boolean toEnum) {}

  /** Per table choices of a hand-written mapping. */
  record TableChoice(boolean customNamespace, boolean customIdentity, boolean requiredRef) {}

  /** A schema and the choices a user made mapping it. */
  record Scenario(
      GeneratedSchema generated, List<TableChoice> tables, List<ColumnChoice> columns) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<ColumnChoice> column =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5).map(i -> i == 0),
                Arbitraries.of(true, false))
            .as(ColumnChoice::new);
    Arbitrary<TableChoice> table =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(TableChoice::new);
    return Combinators.combine(schemas(CLEAN), table.list().ofSize(4), column.list().ofSize(6))
        .as(Scenario::new);
  }
}
