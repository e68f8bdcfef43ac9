package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.RefMapping;
import io.datomize.plan.Planner;
import io.datomize.target.Attribute;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the shape of a table (bridge, payload, bookkeeping columns) decides what conventions make of
 * it.
 */
class ConventionShapesTest {
  static final TableName USERS = TableName.parse("users");
  static final TableName POSTS = TableName.parse("posts");

  @Test
  void a_bridge_shaped_table_with_data_becomes_an_entity_with_refs_to_both_ends() {
    Table orderLines =
        bridgeShaped(
            "post_users",
            column("quantity", "int4", TypeFamily.INTEGER, false),
            column("assigned_on", "date", TypeFamily.DATE, true));
    Mapping mapping = Mappings.conventions(schema(orderLines)).build();

    assertThat(mapping.bridges()).isEmpty();
    EntityMapping entity = mapping.entity(orderLines.name()).orElseThrow();
    String ns = Conventions.namespace(orderLines.name());
    assertThat(entity.identity().columns()).containsExactly("post_id", "user_id");
    assertThat(entity.identity().attribute())
        .isEqualTo(Attribute.of(ns, Conventions.identityName(List.of("post_id", "user_id"))));
    assertThat(entity.refs())
        .extracting(RefMapping::columns, RefMapping::target)
        .containsExactly(tuple(List.of("post_id"), POSTS), tuple(List.of("user_id"), USERS));
    assertThat(entity.attributes())
        .extracting(AttributeMapping::column)
        .containsExactly("quantity", "assigned_on");
    assertThat(Planner.plan(schema(orderLines), mapping).warnings())
        .noneMatch(w -> w.contains("not migrated"));
  }

  @Test
  void a_bridge_whose_only_other_columns_are_bookkeeping_timestamps_collapses_and_names_them() {
    Table likes =
        bridgeShaped(
            "post_users",
            column("created", "timestamptz", TypeFamily.TIMESTAMPTZ, false)
                .with(Optional.empty(), Optional.of("now()"), false));
    SourceSchema schema = schema(likes);
    Mapping mapping = Mappings.conventions(schema).build();

    assertThat(mapping.entity(likes.name())).isEmpty();
    BridgeMapping bridge = mapping.bridges().get(0);
    assertThat(bridge.droppedColumns()).containsExactly("created");
    assertThat(bridge.dropReason("created"))
        .isEqualTo(BridgeMapping.BOOKKEEPING + " (DEFAULT now())");
    assertThat(Planner.plan(schema, mapping).warnings())
        .contains(
            "bridge public.post_users.created: column not "
                + "migrated (bookkeeping timestamp (DEFAULT now()))");
    assertThat(Planner.plan(schema, mapping).explain())
        .contains("created: column not migrated (bookkeeping");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "now()",
        "CURRENT_TIMESTAMP",
        "CURRENT_TIMESTAMP(3)",
        "('now'::text)::date",
        "transaction_timestamp()",
        "statement_timestamp()",
        "clock_timestamp()",
        "LOCALTIMESTAMP",
        "CURRENT_DATE",
        "timezone('utc'::text, now())",
        "(now() AT TIME ZONE 'utc'::text)",
        "now()::timestamp without time zone"
      })
  void defaults_of_the_current_time_make_bookkeeping_timestamps(String expression) {
    assertThat(
            ConventionMapper.bookkeeping(
                column("at", "timestamp", TypeFamily.TIMESTAMP, true)
                    .with(Optional.empty(), Optional.of(expression), false)))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'2020-01-01'::date",
        "(now() + '1 day'::interval)",
        "now()::date - 1",
        "nextval('s')"
      })
  void other_defaults_do_not(String expression) {
    assertThat(
            ConventionMapper.bookkeeping(
                column("at", "date", TypeFamily.DATE, true)
                    .with(Optional.empty(), Optional.of(expression), false)))
        .isFalse();
  }

  @Test
  void a_timestamp_without_a_current_time_default_or_a_text_default_of_now_is_data() {
    assertThat(
            ConventionMapper.bookkeeping(column("at", "timestamptz", TypeFamily.TIMESTAMPTZ, true)))
        .isFalse();
    assertThat(
            ConventionMapper.bookkeeping(
                column("at", "text", TypeFamily.TEXT, true)
                    .with(Optional.empty(), Optional.of("now()"), false)))
        .isFalse();

    Table withDate =
        bridgeShaped("post_users", column("due", "timestamptz", TypeFamily.TIMESTAMPTZ, false));
    assertThat(Mappings.conventions(schema(withDate)).build().entity(withDate.name())).isPresent();
  }

  @Test
  void a_bridge_shaped_table_that_other_tables_reference_stays_an_entity() {
    Table bridge = bridgeShaped("post_users");
    Table notes =
        Table.builder()
            .name(TableName.parse("notes"))
            .addColumns(
                column("id", "int8", TypeFamily.INTEGER, false),
                column("post_id", "int8", TypeFamily.INTEGER, false),
                column("user_id", "int8", TypeFamily.INTEGER, false))
            .addPrimaryKey("id")
            .addForeignKeys(
                ForeignKey.of(
                    "notes_fk",
                    List.of("post_id", "user_id"),
                    bridge.name(),
                    List.of("post_id", "user_id")))
            .build();
    Mapping mapping =
        Mappings.conventions(
                SourceSchema.builder().addTables(keyed(USERS), keyed(POSTS), bridge, notes).build())
            .build();

    assertThat(mapping.bridges()).isEmpty();
    assertThat(mapping.entity(bridge.name())).isPresent();
    assertThat(mapping.entity(notes.name()).orElseThrow().refs())
        .extracting(RefMapping::target)
        .containsExactly(bridge.name());
  }

  @Test
  void a_bridge_numbered_by_a_surrogate_key_beside_its_unique_pair_collapses_and_names_the_key() {
    Table groups = surrogateKeyed("post_users", "int8", false);
    SourceSchema schema = schema(groups);
    Mapping mapping = Mappings.conventions(schema).build();

    assertThat(mapping.entity(groups.name())).isEmpty();
    BridgeMapping bridge = mapping.bridges().get(0);
    assertThat(bridge.owner()).isEqualTo(POSTS);
    assertThat(bridge.target()).isEqualTo(USERS);
    assertThat(bridge.droppedColumns()).containsExactly("id");
    assertThat(bridge.dropReason("id")).isEqualTo(BridgeMapping.SURROGATE_KEY);
    assertThat(Planner.plan(schema, mapping).warnings())
        .contains(
            "bridge public.post_users.id: column not migrated ("
                + BridgeMapping.SURROGATE_KEY
                + ")");
  }

  @Test
  void
      a_surrogate_keyed_table_stays_an_entity_unless_its_pair_is_unique_and_not_null_and_its_key_a_number() {
    Table textKey = surrogateKeyed("post_users", "text", false);
    Table nullablePair = surrogateKeyed("post_users", "int8", true);
    Table noUniquePair =
        Table.builder()
            .from(surrogateKeyed("post_users", "int8", false))
            .uniqueKeys(List.of())
            .build();

    for (Table table : List.of(textKey, nullablePair, noUniquePair)) {
      Mapping mapping = Mappings.conventions(schema(table)).build();

      assertThat(mapping.bridges()).as(table.toString()).isEmpty();
      assertThat(mapping.entity(table.name())).as(table.toString()).isPresent();
    }
  }

  @Test
  void two_bridges_between_the_same_tables_are_named_after_themselves() {
    Table likes = bridgeShaped("likes");
    Table bookmarks = bridgeShaped("bookmarks");
    Mapping mapping =
        Mappings.conventions(
                SourceSchema.builder()
                    .addTables(keyed(USERS), keyed(POSTS), likes, bookmarks)
                    .build())
            .build();

    String owner = Conventions.namespace(POSTS);
    assertThat(mapping.bridges())
        .extracting(BridgeMapping::table, BridgeMapping::attribute)
        .containsExactly(
            tuple(likes.name(), Attribute.of(owner, Conventions.attributeName("likes"))),
            tuple(bookmarks.name(), Attribute.of(owner, Conventions.attributeName("bookmarks"))));
  }

  @Test
  void a_mapping_that_maps_no_table_names_the_tables_there_are() {
    SourceSchema schema = SourceSchema.builder().addTables(keyed(USERS), keyed(POSTS)).build();

    assertThatThrownBy(() -> Mappings.conventions(schema).skipTable("users", "posts").build())
        .isInstanceOf(MappingValidationException.class)
        .hasMessage(
            "1 problem in the mapping:\n  - the mapping: the mapping maps no table, so a migration would "
                + "move nothing; the source schema's tables are public.users, public.posts. Fix: map at least one of them"
                + " with .table(..), .entityByConvention(..) or .bridge(..), or do not skip them all");
    assertThatThrownBy(() -> Mappings.define(schema).skipOtherTables().build())
        .hasMessageContaining("the mapping maps no table");
  }

  @Test
  void a_mapping_of_an_empty_schema_says_the_schema_holds_no_table() {
    assertThatThrownBy(() -> Mappings.conventions(SourceSchema.builder().build()).build())
        .isInstanceOf(MappingValidationException.class)
        .hasMessage(
            "1 problem in the mapping:\n  - the mapping: the mapping maps no table: the source schema holds "
                + "no table. Fix: read the schema that holds the tables (the source's schema names), and check that its "
                + "tables exist");
  }

  /** {@code name(post_id, user_id, extra...)}, its primary key both foreign keys. */
  static Table bridgeShaped(String name, Column... extra) {
    return Table.builder()
        .name(TableName.parse(name))
        .addColumns(
            column("post_id", "int8", TypeFamily.INTEGER, false),
            column("user_id", "int8", TypeFamily.INTEGER, false))
        .addColumns(extra)
        .addPrimaryKey("post_id", "user_id")
        .addForeignKeys(
            ForeignKey.of(name + "_post_fk", List.of("post_id"), POSTS, List.of("id")),
            ForeignKey.of(name + "_user_fk", List.of("user_id"), USERS, List.of("id")))
        .build();
  }

  /**
   * {@code name(id, post_id, user_id)}, as Django makes a many-to-many table: its primary key a
   * number, its foreign keys a unique pair.
   */
  static Table surrogateKeyed(String name, String keyType, boolean nullablePair) {
    return Table.builder()
        .name(TableName.parse(name))
        .addColumns(
            column(
                "id",
                keyType,
                keyType.equals("text") ? TypeFamily.TEXT : TypeFamily.INTEGER,
                false),
            column("post_id", "int8", TypeFamily.INTEGER, nullablePair),
            column("user_id", "int8", TypeFamily.INTEGER, false))
        .addPrimaryKey("id")
        .addUniqueKeys(UniqueKey.of(name + "_pair", List.of("post_id", "user_id")))
        .addForeignKeys(
            ForeignKey.of(name + "_post_fk", List.of("post_id"), POSTS, List.of("id")),
            ForeignKey.of(name + "_user_fk", List.of("user_id"), USERS, List.of("id")))
        .build();
  }

  static SourceSchema schema(Table... more) {
    return SourceSchema.builder().addTables(keyed(USERS), keyed(POSTS)).addTables(more).build();
  }

  static Table keyed(TableName name) {
    return Table.builder()
        .name(name)
        .addColumns(column("id", "int8", TypeFamily.INTEGER, false))
        .addPrimaryKey("id")
        .build();
  }

  static Column column(String name, String sqlType, TypeFamily family, boolean nullable) {
    return Column.of(name, ColumnType.of(sqlType, family), nullable);
  }
}
