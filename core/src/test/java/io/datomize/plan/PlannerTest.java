package io.datomize.plan;

import static io.datomize.testing.Fixtures.attribute;
import static io.datomize.testing.Fixtures.column;
import static io.datomize.testing.Fixtures.entity;
import static io.datomize.testing.Fixtures.fk;
import static io.datomize.testing.Fixtures.name;
import static io.datomize.testing.Fixtures.ref;
import static io.datomize.testing.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.mapping.Mappings;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Table USERS =
      table("users", List.of("id"), List.of())
          .estimatedRows(2_500)
          .addColumns(
              column("name", TypeFamily.TEXT, true),
              column("login_time", TypeFamily.TIME, true),
              column("password", TypeFamily.TEXT, true),
              column("legacy", TypeFamily.TEXT, true),
              Column.of("labels", ColumnType.arrayOf("text", TypeFamily.TEXT), true))
          .build();
  private static final Table POSTS =
      table(
              "posts",
              List.of("id"),
              List.of("user_id"),
              fk("posts_user_fk", List.of("user_id"), "users", List.of("id")))
          .estimatedRows(999)
          .build();
  private static final Table TAGS = table("tags", List.of("id"), List.of()).build();
  private static final Table POST_TAGS =
      table(
              "post_tags",
              List.of("tag_id", "post_id"),
              List.of("created"),
              fk("pt_post", List.of("post_id"), "posts", List.of("id")),
              fk("pt_tag", List.of("tag_id"), "tags", List.of("id")))
          .estimatedRows(0)
          .build();

  private static final EntityMapping USER =
      entity("users", "user", List.of("id"))
          .addAttributes(
              attribute("name", ":user/name", ValueType.STRING).build(),
              attribute("login_time", ":user/login-time", ValueType.STRING)
                  .converter(Converters.toText())
                  .build(),
              attribute("labels", ":user/labels", ValueType.STRING)
                  .cardinality(Cardinality.MANY)
                  .build())
          .addSkippedColumns("password")
          .build();
  private static final EntityMapping POST =
      entity("posts", "post", List.of("id"))
          .addRefs(ref(":post/user", List.of("user_id"), "users", List.of("id")))
          .build();
  private static final EntityMapping TAG = entity("tags", "tag", List.of("id")).build();
  private static final BridgeMapping POST_TAG =
      BridgeMapping.builder()
          .table(name("post_tags"))
          .owner(name("posts"))
          .ownerColumns(List.of("post_id"))
          .target(name("tags"))
          .targetColumns(List.of("tag_id"))
          .attribute(Attribute.of("post", "tags"))
          .addDroppedColumns("created")
          .build();

  private static final SourceSchema BLOG =
      SourceSchema.builder().addTables(USERS, POSTS, TAGS, POST_TAGS).build();
  private static final Mapping BLOG_MAPPING =
      Mapping.builder().addEntities(POST, USER, TAG).addBridges(POST_TAG).build();

  /** employees reference their manager; a and b reference each other. */
  private static final SourceSchema CYCLES =
      SourceSchema.builder()
          .addTables(
              table(
                      "employee",
                      List.of("id"),
                      List.of("manager_id"),
                      fk("manager", List.of("manager_id"), "employee", List.of("id")))
                  .build())
          .addTables(
              table(
                      "a",
                      List.of("id"),
                      List.of("b_id"),
                      fk("a_b", List.of("b_id"), "b", List.of("id")))
                  .build())
          .addTables(
              table(
                      "b",
                      List.of("id"),
                      List.of("a_id"),
                      fk("b_a", List.of("a_id"), "a", List.of("id")))
                  .build())
          .build();

  private static final Mapping CYCLES_MAPPING =
      Mapping.builder()
          .addEntities(
              entity("employee", "employee", List.of("id"))
                  .addRefs(
                      ref(":employee/manager", List.of("manager_id"), "employee", List.of("id")))
                  .build())
          .addEntities(
              entity("a", "a", List.of("id"))
                  .addRefs(ref(":a/b", List.of("b_id"), "b", List.of("id")))
                  .build())
          .addEntities(
              entity("b", "b", List.of("id"))
                  .addRefs(ref(":b/a", List.of("a_id"), "a", List.of("id")))
                  .build())
          .build();

  @Test
  void orders_steps_install_loads_links_bridges_verify_with_stable_ids() {
    Plan plan = Planner.plan(BLOG, BLOG_MAPPING);

    assertThat(plan.steps())
        .extracting(PlanStep::id)
        .containsExactly(
            "install schema",
            "load public.tags",
            "load public.users",
            "load public.posts",
            "bridge public.post_tags",
            "verify");
  }

  @Test
  void loads_a_table_after_the_tables_it_references_and_says_why() {
    Plan plan = Planner.plan(BLOG, BLOG_MAPPING);

    LoadStep posts = (LoadStep) plan.step("load public.posts").orElseThrow();
    assertThat(posts.inlineRefs())
        .extracting(r -> r.attribute().toString())
        .containsExactly(":post/user");
    assertThat(plan.explain()).contains("after public.users: posts.user_id references users");
  }

  @Test
  void reads_key_columns_first_then_the_mapped_columns_in_table_order() {
    LoadStep users = Planner.plan(BLOG, BLOG_MAPPING).steps(LoadStep.class).get(1);

    assertThat(users.keyColumns()).containsExactly("id");
    assertThat(users.columns()).containsExactly("id", "name", "login_time", "labels");
  }

  @Test
  void reads_a_bridge_in_its_primary_key_order_with_columns_in_identity_order() {
    BridgeStep bridge = Planner.plan(BLOG, BLOG_MAPPING).steps(BridgeStep.class).get(0);

    assertThat(bridge.keyColumns()).containsExactly("tag_id", "post_id");
    assertThat(bridge.columns()).containsExactly("tag_id", "post_id");
    assertThat(bridge.bridge().ownerColumns()).containsExactly("post_id");
  }

  @Test
  void orders_composite_bridge_columns_as_the_owner_identity_lists_them() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                table("orders", List.of("shop", "no"), List.of()).build(),
                table("items", List.of("id"), List.of()).build())
            .addTables(
                table(
                        "order_items",
                        List.of("o_no", "o_shop", "item"),
                        List.of(),
                        fk("oi_order", List.of("o_no", "o_shop"), "orders", List.of("no", "shop")),
                        fk("oi_item", List.of("item"), "items", List.of("id")))
                    .build())
            .build();
    Mapping mapping =
        Mapping.builder()
            .addEntities(
                entity("orders", "order", List.of("shop", "no")).build(),
                entity("items", "item", List.of("id")).build())
            .addBridges(
                BridgeMapping.builder()
                    .table(name("order_items"))
                    .owner(name("orders"))
                    .ownerColumns(List.of("o_no", "o_shop"))
                    .target(name("items"))
                    .targetColumns(List.of("item"))
                    .attribute(Attribute.of("order", "items"))
                    .build())
            .build();

    BridgeStep bridge = Planner.plan(schema, mapping).steps(BridgeStep.class).get(0);

    assertThat(bridge.bridge().ownerColumns()).containsExactly("o_shop", "o_no");
  }

  @Test
  void defers_a_self_reference_to_a_link_step() {
    Plan plan = Planner.plan(CYCLES, CYCLES_MAPPING);

    LoadStep employee = (LoadStep) plan.step("load public.employee").orElseThrow();
    LinkStep link = (LinkStep) plan.step("link public.employee").orElseThrow();
    assertThat(employee.inlineRefs()).isEmpty();
    assertThat(link.deferredAttributes()).containsExactly(Attribute.of("employee", "manager"));
    assertThat(link.columns()).containsExactly("id", "manager_id");
    assertThat(plan.deferredRefs())
        .anySatisfy(d -> assertThat(d.reason()).isEqualTo(DeferredRef.Reason.SELF_REFERENCE));
  }

  @Test
  void breaks_a_two_table_cycle_by_deferring_one_ref() {
    Plan plan = Planner.plan(CYCLES, CYCLES_MAPPING);

    List<DeferredRef> cycle =
        plan.deferredRefs().stream().filter(d -> d.reason() == DeferredRef.Reason.CYCLE).toList();
    assertThat(cycle).hasSize(1);
    assertThat(cycle.get(0).cycle()).hasSize(3).first().isEqualTo(cycle.get(0).table());
    assertThat(plan.explain()).contains("breaks the cycle public.a -> public.b -> public.a");
  }

  @Test
  void honours_refs_that_must_never_be_deferred_by_deferring_the_other_ref_of_the_cycle() {
    PlanOptions keepAb = PlanOptions.builder().addNeverDeferred(Attribute.of("a", "b")).build();
    PlanOptions keepBa = PlanOptions.builder().addNeverDeferred(Attribute.of("b", "a")).build();

    assertThat(deferredAttributes(Planner.plan(CYCLES, CYCLES_MAPPING, keepAb)))
        .contains(Attribute.of("b", "a"))
        .doesNotContain(Attribute.of("a", "b"));
    assertThat(deferredAttributes(Planner.plan(CYCLES, CYCLES_MAPPING, keepBa)))
        .contains(Attribute.of("a", "b"))
        .doesNotContain(Attribute.of("b", "a"));
  }

  @Test
  void defers_a_ref_on_request_even_without_a_cycle() {
    PlanOptions options = PlanOptions.builder().addDeferred(Attribute.of("post", "user")).build();

    Plan plan = Planner.plan(BLOG, BLOG_MAPPING, options);

    assertThat(plan.steps())
        .extracting(PlanStep::id)
        .containsSubsequence("load public.posts", "load public.users", "link public.posts");
    assertThat(plan.explain()).contains("public.posts.user_id -> :post/user: deferred on request");
  }

  @Test
  void refuses_a_self_reference_that_must_never_be_deferred() {
    PlanOptions options =
        PlanOptions.builder().addNeverDeferred(Attribute.of("employee", "manager")).build();

    assertThatThrownBy(() -> Planner.plan(CYCLES, CYCLES_MAPPING, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":employee/manager is a self-reference of public.employee")
        .hasMessageContaining("remove it from PlanOptions.neverDeferred");
  }

  @Test
  void refuses_a_cycle_whose_refs_must_all_stay_inline() {
    PlanOptions options =
        PlanOptions.builder()
            .addNeverDeferred(Attribute.of("a", "b"), Attribute.of("b", "a"))
            .build();

    assertThatThrownBy(() -> Planner.plan(CYCLES, CYCLES_MAPPING, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("form a cycle public.a -> public.b -> public.a");
  }

  @Test
  void refuses_forced_choices_that_name_no_ref() {
    PlanOptions options = PlanOptions.builder().addDeferred(Attribute.of("post", "title")).build();

    assertThatThrownBy(() -> Planner.plan(BLOG, BLOG_MAPPING, options))
        .hasMessageContaining(
            "PlanOptions names :post/title, which is not a ref attribute of the mapping");
  }

  @Test
  void refuses_to_choose_a_ref_both_ways() {
    assertThatThrownBy(
            () ->
                PlanOptions.builder()
                    .addDeferred(Attribute.of("a", "b"))
                    .addNeverDeferred(Attribute.of("a", "b"))
                    .build())
        .hasMessageContaining("both forced to be deferred and never to be deferred");
  }

  @Test
  void refuses_refs_and_bridges_to_unmapped_tables_naming_all_of_them() {
    Mapping mapping = Mapping.builder().addEntities(POST, TAG).addBridges(POST_TAG).build();
    Mapping noPosts = Mapping.builder().addEntities(USER, TAG).addBridges(POST_TAG).build();

    assertThatThrownBy(() -> Planner.plan(BLOG, mapping))
        .hasMessageContaining(
            "public.posts.user_id -> :post/user references public.users, which is not mapped");
    assertThatThrownBy(() -> Planner.plan(BLOG, noPosts))
        .hasMessageContaining(
            "bridge public.post_tags -> :post/tags connects public.posts, which is not mapped");
  }

  @Test
  void refuses_a_mapped_table_missing_from_the_schema() {
    Mapping mapping =
        Mapping.builder().addEntities(entity("ghosts", "ghost", List.of("id")).build()).build();

    assertThatThrownBy(() -> Planner.plan(BLOG, mapping))
        .hasMessageContaining("table public.ghosts is mapped but not in the source schema");
  }

  @Test
  void plans_the_same_way_whatever_the_order_of_the_mapping() {
    Mapping reordered = Mapping.builder().addEntities(TAG, USER, POST).addBridges(POST_TAG).build();

    assertThat(Planner.plan(BLOG, reordered).steps())
        .isEqualTo(Planner.plan(BLOG, BLOG_MAPPING).steps());
    assertThat(Planner.plan(CYCLES, CYCLES_MAPPING))
        .isEqualTo(Planner.plan(CYCLES, CYCLES_MAPPING));
  }

  @Test
  void warns_about_everything_the_migration_loses_or_leaves_out() {
    SourceSchema schema =
        SourceSchema.builder()
            .from(BLOG)
            .addTables(
                Table.builder()
                    .name(name("events"))
                    .addColumns(column("seq", TypeFamily.INTEGER, false))
                    .addUniqueKeys(UniqueKey.of("events_seq", List.of("seq")))
                    .build())
            .addTables(
                table("audit", List.of("id"), List.of()).build(),
                table("misc", List.of("id"), List.of()).build())
            .build();
    Mapping mapping =
        Mapping.builder()
            .from(BLOG_MAPPING)
            .addEntities(entity("events", "event", List.of("seq")).build())
            .addSkippedTables(name("audit"))
            .build();

    assertThat(Planner.plan(schema, mapping).warnings())
        .containsExactly(
            "public.events has no primary key: its rows are identified and read in order of seq, which must be unique"
                + " and not null",
            "public.users.login_time -> :user/login-time: stored as text (time has no Datomic value type)",
            "public.users.labels -> :user/labels: array order and duplicates are lost (cardinality-many values are a set)",
            "public.users.password: column skipped",
            "public.users.legacy: column not mapped (neither migrated nor skipped)",
            "bridge public.post_tags.created: column not migrated (dropped by the mapping)",
            "public.audit: table skipped",
            "public.misc: table not mapped (neither migrated nor skipped)");
  }

  @Test
  void warns_that_a_foreign_key_of_another_padding_than_its_key_finds_its_row_only_padded_alike() {
    ColumnType padded = ColumnType.of("bpchar", TypeFamily.TEXT);
    ColumnType varchar = ColumnType.of("varchar", TypeFamily.TEXT);
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(name("codes"))
                    .addColumns(Column.of("code", padded, false))
                    .addPrimaryKey("code")
                    .build(),
                Table.builder()
                    .name(name("uses"))
                    .addColumns(
                        column("id", TypeFamily.INTEGER, false),
                        Column.of("code", varchar, true),
                        Column.of("same", padded, true))
                    .addPrimaryKey("id")
                    .addForeignKeys(
                        fk("uses_code_fkey", List.of("code"), "codes", List.of("code")),
                        fk("uses_same_fkey", List.of("same"), "codes", List.of("code")))
                    .build())
            .build();

    List<String> warnings = Planner.plan(schema, Mappings.conventions(schema).build()).warnings();

    assertThat(warnings)
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("public.uses.code -> :use/code: char(n) and the other text types"))
        .noneSatisfy(w -> assertThat(w).startsWith("public.uses.same"));
  }

  @Test
  void warns_that_a_case_blind_foreign_key_finds_its_row_in_datomic_only_in_the_same_case() {
    ColumnType citext = ColumnType.of("citext", TypeFamily.TEXT);
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(name("accounts"))
                    .addColumns(Column.of("email", citext, false))
                    .addPrimaryKey("email")
                    .build(),
                Table.builder()
                    .name(name("logins"))
                    .addColumns(
                        column("id", TypeFamily.INTEGER, false), Column.of("email", citext, true))
                    .addPrimaryKey("id")
                    .addForeignKeys(
                        fk("logins_email_fkey", List.of("email"), "accounts", List.of("email")))
                    .build(),
                Table.builder()
                    .name(name("account_logins"))
                    .addColumns(
                        Column.of("email", citext, false),
                        column("login_id", TypeFamily.INTEGER, false))
                    .addPrimaryKey("email", "login_id")
                    .addForeignKeys(
                        fk(
                            "account_logins_email_fkey",
                            List.of("email"),
                            "accounts",
                            List.of("email")),
                        fk(
                            "account_logins_login_fkey",
                            List.of("login_id"),
                            "logins",
                            List.of("id")))
                    .build())
            .build();

    assertThat(Planner.plan(schema, Mappings.conventions(schema).build()).warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith(
                        "public.logins.email -> :login/email: citext finds a row whatever the case"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith(
                        "bridge public.account_logins.email -> :account/logins: citext finds a row"));
  }

  @Test
  void explains_order_batches_deferred_refs_bridges_and_warnings() {
    String explained =
        Planner.plan(BLOG, BLOG_MAPPING, PlanOptions.builder().batchSize(1000).build()).explain();

    assertThat(explained)
        .isEqualTo(
            """
        Plan: 3 tables to load, 0 to link, 1 bridge; batch size 1000
          1. install schema: 8 attributes, 0 enum idents
          2. load public.tags: key (id), row count unknown
               first: references no table loaded before it
          3. load public.users: key (id), ~2500 rows in 3 batches
               first: references no table loaded before it
          4. load public.posts: key (id), ~999 rows in 1 batch
               after public.users: posts.user_id references users
          5. bridge public.post_tags: key (tag_id, post_id), ~0 rows in 0 batches
               each row adds one public.tags to :post/tags of its public.posts
          6. verify: row counts, values, refs and bridge links against the source
        Deferred refs (asserted by link steps after every load): none
        Warnings: 5
          - public.users.login_time -> :user/login-time: stored as text (time has no Datomic value type)
          - public.users.labels -> :user/labels: array order and duplicates are lost (cardinality-many values are a set)
          - public.users.password: column skipped
          - public.users.legacy: column not mapped (neither migrated nor skipped)
          - bridge public.post_tags.created: column not migrated (dropped by the mapping)
        """);
  }

  @Test
  void explains_deferred_refs_and_their_link_steps() {
    String explained = Planner.plan(CYCLES, CYCLES_MAPPING).explain();

    assertThat(explained)
        .contains(
            "link public.employee: key (id), row count unknown\n"
                + "       :employee/manager from employee.manager_id to public.employee")
        .contains("- public.employee.manager_id -> :employee/manager: self-reference")
        .contains("leaves :employee/manager to the link step");
  }

  private static List<Attribute> deferredAttributes(Plan plan) {
    return plan.deferredRefs().stream().map(d -> d.ref().attribute()).toList();
  }
}
