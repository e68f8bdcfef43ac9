package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverters;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.plan.Plan;
import io.datomize.plan.PlanStep;
import io.datomize.plan.Planner;
import io.datomize.plan.RowStep;
import io.datomize.spi.ContentKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the shape of the tables (bridges with or without data, keyless tables, foreign keys to
 * unique keys), conventions map every table, account for every column, and give a plan whose every
 * step converts.
 */
class ShapeProperties {
  static final TableName PARENT = TableName.parse("parent");
  static final TableName CHILD = TableName.parse("child");

  /**
   * An extra column of a link table: payload, a bookkeeping timestamp, or a timestamp with another
   * default.
   */
  enum Extra {
    NONE,
    PAYLOAD,
    BOOKKEEPING,
    DATED
  }

  /**
   * A link table between parent and child: its extra column, whether it has a primary key of both
   * ends, and whether each end references the target's unique {@code code} rather than its {@code
   * id}.
   */
  record Link(Extra extra, boolean keyed, boolean parentByCode, boolean childByCode) {}

  @Provide
  Arbitrary<List<Link>> links() {
    return Combinators.combine(
            Arbitraries.of(Extra.class),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(Link::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  @Property(tries = 300)
  void conventions_map_every_table_and_account_for_every_column(@ForAll("links") List<Link> links) {
    SourceSchema schema = schema(links);
    Mapping mapping = Mappings.conventions(schema).build();

    for (Table table : schema.tables()) {
      Set<String> covered = new HashSet<>();
      Optional<EntityMapping> entity = mapping.entity(table.name());
      Optional<BridgeMapping> bridge =
          mapping.bridges().stream().filter(b -> b.table().equals(table.name())).findFirst();
      assertThat(entity.isPresent())
          .as(table + " is an entity or a bridge")
          .isNotEqualTo(bridge.isPresent());
      entity.ifPresent(
          e -> {
            if (!ContentKey.isContentKey(e.identity().columns())) {
              covered.addAll(e.identity().columns());
            }
            e.attributes().stream().map(AttributeMapping::column).forEach(covered::add);
            e.refs().forEach(r -> covered.addAll(r.columns()));
            assertThat(e.skippedColumns()).isEmpty();
          });
      bridge.ifPresent(
          b -> {
            covered.addAll(b.ownerColumns());
            covered.addAll(b.targetColumns());
            covered.addAll(b.droppedColumns());
            assertThat(b.droppedColumns())
                .allSatisfy(c -> assertThat(b.dropReason(c)).startsWith(BridgeMapping.BOOKKEEPING));
            assertThat(b.droppedColumns())
                .allSatisfy(
                    c ->
                        assertThat(ConventionMapper.bookkeeping(table.column(c).orElseThrow()))
                            .isTrue());
          });
      assertThat(covered)
          .as(table + " columns")
          .containsExactlyInAnyOrderElementsOf(table.columns().stream().map(Column::name).toList());
      Statistics.label("shape")
          .collect(
              bridge.isPresent()
                  ? "collapsed"
                  : entity.get().identity().columns().equals(ContentKey.COLUMNS)
                      ? "by content"
                      : "entity");
    }
    Plan plan = Planner.plan(schema, mapping);
    ConversionContext context = new ConversionContext(Instant.EPOCH, ZoneOffset.UTC);
    for (PlanStep step : plan.steps()) {
      if (step instanceof RowStep) {
        assertThat(RowConverters.forStep(plan, step, context).columns()).isNotEmpty();
      }
    }
  }

  static SourceSchema schema(List<Link> links) {
    SourceSchema.Builder schema = SourceSchema.builder().addTables(end(PARENT), end(CHILD));
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      String name = "link" + i;
      Table.Builder table =
          Table.builder()
              .name(TableName.parse(name))
              .addColumns(
                  column(link.parentByCode() ? "parent_code" : "parent_id", link.parentByCode()),
                  column(link.childByCode() ? "child_code" : "child_id", link.childByCode()))
              .addForeignKeys(
                  fk(name + "_parent", link.parentByCode(), "parent", PARENT),
                  fk(name + "_child", link.childByCode(), "child", CHILD));
      if (link.keyed()) {
        table.addPrimaryKey(
            link.parentByCode() ? "parent_code" : "parent_id",
            link.childByCode() ? "child_code" : "child_id");
      }
      switch (link.extra()) {
        case PAYLOAD ->
            table.addColumns(
                Column.of("quantity", ColumnType.of("int4", TypeFamily.INTEGER), true));
        case BOOKKEEPING -> table.addColumns(timestamp("CURRENT_TIMESTAMP"));
        case DATED ->
            table.addColumns(timestamp("'2020-01-01 00:00:00+00'::timestamp with time zone"));
        case NONE -> {}
      }
      schema.addTables(table.build());
    }
    return schema.build();
  }

  private static Table end(TableName name) {
    return Table.builder()
        .name(name)
        .addColumns(
            Column.of("id", ColumnType.of("int8", TypeFamily.INTEGER), false),
            Column.of("code", ColumnType.of("text", TypeFamily.TEXT), false))
        .addPrimaryKey("id")
        .addUniqueKeys(UniqueKey.of(name.name() + "_code_key", List.of("code")))
        .build();
  }

  private static Column column(String name, boolean text) {
    return Column.of(
        name,
        text ? ColumnType.of("text", TypeFamily.TEXT) : ColumnType.of("int8", TypeFamily.INTEGER),
        false);
  }

  private static ForeignKey fk(String name, boolean byCode, String prefix, TableName target) {
    return ForeignKey.of(
        name,
        List.of(prefix + (byCode ? "_code" : "_id")),
        target,
        new ArrayList<>(List.of(byCode ? "code" : "id")));
  }

  private static Column timestamp(String defaultExpression) {
    return Column.of("updated", ColumnType.of("timestamptz", TypeFamily.TIMESTAMPTZ), false)
        .with(Optional.empty(), Optional.of(defaultExpression), false);
  }
}
