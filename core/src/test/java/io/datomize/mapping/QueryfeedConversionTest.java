package io.datomize.mapping;

import static io.datomize.fixtures.Queryfeed.IPN;
import static io.datomize.fixtures.Queryfeed.ORDERS;
import static io.datomize.fixtures.Queryfeed.POSTS;
import static io.datomize.fixtures.Queryfeed.POST_TAGS;
import static io.datomize.fixtures.Queryfeed.TAGS;
import static io.datomize.fixtures.Queryfeed.USERS;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.fixtures.Queryfeed;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverter;
import io.datomize.internal.convert.RowConverters;
import io.datomize.plan.BridgeStep;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.plan.PlanStep;
import io.datomize.plan.Planner;
import io.datomize.report.RowError;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Queryfeed mapping, written in the DSL, converts sample rows to exactly the transaction data
 * the hand-written {@code pg-user-to-datomic} function produced: every nil-avoidance case, every
 * enum case, the parsed URIs and UUIDs, refs as lookup refs and the bridge as {@code :post/tags}.
 * Converters come from the plan's steps, as a run builds them.
 */
class QueryfeedConversionTest {
  private static final SourceSchema SCHEMA = Queryfeed.schema();
  private static final Plan PLAN = Planner.plan(SCHEMA, Queryfeed.mapping());
  private static final Instant RUN_START = Instant.parse("2024-05-01T10:00:00Z");
  private static final ConversionContext CONTEXT =
      ConversionContext.of(RUN_START, PLAN.mapping().options());

  private static final RowConverter USERS_CONVERTER = load(USERS);
  private static final String UUID_TEXT = "123e4567-e89b-12d3-a456-426614174000";

  // ---- users: renames, (or x ""), default now, omit, URI, UUID, enums, skipped password_hash

  @Test
  void converts_a_complete_user_row_like_pg_user_to_datomic() {
    TxEntity user =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    1L,
                    "email",
                    "ann@example.com",
                    "first_name",
                    "Ann",
                    "last_name",
                    "Lee",
                    "gender",
                    "female",
                    "source",
                    "google",
                    "status",
                    "active",
                    "website",
                    "https://ann.example.com/blog",
                    "external_id",
                    UUID_TEXT,
                    "password_hash",
                    "$2a$10$secret",
                    "created_at",
                    OffsetDateTime.parse("2019-03-04T05:06:07+01:00"),
                    "bio",
                    "Writes SQL"))
            .entity();

    assertThat(user.identity()).isEqualTo(LookupRef.of(user("pg-id"), 1L));
    assertThat(user.sourceKey()).isEqualTo(RowKey.of(1L));
    assertThat(assertions(user))
        .isEqualTo(
            Map.ofEntries(
                entry(user("email"), "ann@example.com"),
                entry(user("first-name"), "Ann"),
                entry(user("last-name"), "Lee"),
                entry(user("gender"), EnumIdent.of("user.gender", "female")),
                entry(user("source"), EnumIdent.of("user.source", "google")),
                entry(user("status"), EnumIdent.of("user.status", "active")),
                entry(user("website"), URI.create("https://ann.example.com/blog")),
                entry(user("external-id"), UUID.fromString(UUID_TEXT)),
                entry(user("created-at"), Instant.parse("2019-03-04T04:06:07Z")),
                entry(user("bio"), "Writes SQL")));
  }

  @Test
  void
      replaces_null_names_and_bio_by_empty_text_defaults_created_at_to_the_run_start_and_omits_the_rest() {
    TxEntity user =
        USERS_CONVERTER
            .convert(row(USERS, "id", 2L, "email", "bob@example.com", "status", "suspended"))
            .entity();

    assertThat(assertions(user))
        .isEqualTo(
            Map.of(
                user("email"), "bob@example.com",
                user("first-name"), "",
                user("last-name"), "",
                user("status"), EnumIdent.of("user.status", "suspended"),
                user("created-at"), RUN_START,
                user("bio"), ""));
  }

  @Test
  void never_reads_nor_asserts_the_skipped_password_hash() {
    TxEntity user =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    2L,
                    "email",
                    "bob@example.com",
                    "status",
                    "active",
                    "password_hash",
                    "$2a$10$secret"))
            .entity();

    assertThat(USERS_CONVERTER.columns()).doesNotContain("password_hash");
    assertThat(user.attributes())
        .extracting(Attribute::name)
        .doesNotContain("password-hash", "password_hash");
    assertThat(assertions(user).values()).doesNotContain("$2a$10$secret");
  }

  @Test
  void refuses_a_user_without_email_naming_table_key_column_and_fix() {
    RowError error = USERS_CONVERTER.convert(row(USERS, "id", 3L, "status", "active")).error();

    assertThat(error.table()).isEqualTo(USERS);
    assertThat(error.key()).isEqualTo(RowKey.of(3L));
    assertThat(error.keyColumns()).containsExactly("id");
    assertThat(error.column()).contains("email");
    assertThat(error.value()).contains("null");
    assertThat(error.message())
        .isEqualTo(
            "public.users (id=3) column email, value null: null in a required column"
                + " (:user/email); give the column a default or let nulls be omitted in the mapping, or fix the row");
  }

  @Test
  void refuses_a_user_without_status_naming_the_column() {
    RowError error =
        USERS_CONVERTER.convert(row(USERS, "id", 4L, "email", "cy@example.com")).error();

    assertThat(error.message())
        .startsWith("public.users (id=4) column status, value null: null in a required column");
  }

  static Stream<Arguments> userEnumValues() {
    return Stream.of(
        Arguments.of("status", "active", "user.status", "active"),
        Arguments.of("status", "suspended", "user.status", "suspended"),
        Arguments.of("status", "deleted", "user.status", "deleted"),
        Arguments.of("gender", "male", "user.gender", "male"),
        Arguments.of("gender", "female", "user.gender", "female"),
        Arguments.of("gender", "other", "user.gender", "other"),
        Arguments.of("gender", "nonbinary", "user.gender", "other"),
        Arguments.of("gender", "", "user.gender", "other"),
        Arguments.of("source", "facebook", "user.source", "facebook"),
        Arguments.of("source", "google", "user.source", "google"),
        Arguments.of("source", "twitter", "user.source", "twitter"),
        Arguments.of("source", "email", "user.source", "email"));
  }

  @ParameterizedTest(name = "{0} ''{1}'' -> :{2}/{3}")
  @MethodSource("userEnumValues")
  void maps_each_user_enum_value_to_its_ident_and_unlisted_genders_to_the_fallback(
      String column, String value, String enumNamespace, String ident) {
    Map<String, Object> values =
        new HashMap<>(Map.of("id", 5L, "email", "dee@example.com", "status", "active"));
    values.put(column, value);

    TxEntity user = USERS_CONVERTER.convert(row(USERS, values)).entity();

    assertThat(user.valueOf(user(column))).isEqualTo(EnumIdent.of(enumNamespace, ident));
  }

  @Test
  void refuses_a_source_the_case_does_not_list_naming_the_value() {
    RowError error =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    6L,
                    "email",
                    "eve@example.com",
                    "status",
                    "active",
                    "source",
                    "myspace"))
            .error();

    assertThat(error.column()).contains("source");
    assertThat(error.value()).contains("'myspace'");
    assertThat(error.message())
        .isEqualTo(
            "public.users (id=6) column source, value 'myspace': unknown enum value"
                + " 'myspace', not one of [facebook, google, twitter, email]; add it to the enum mapping or give the mapping"
                + " a fallback");
  }

  @Test
  void refuses_a_status_outside_the_postgres_enum_naming_the_value() {
    RowError error =
        USERS_CONVERTER
            .convert(row(USERS, "id", 7L, "email", "fay@example.com", "status", "banned"))
            .error();

    assertThat(error.message())
        .isEqualTo(
            "public.users (id=7) column status, value 'banned': unknown enum value"
                + " 'banned', not one of [active, suspended, deleted]; add it to the enum mapping or give the mapping"
                + " a fallback");
  }

  @Test
  void parses_a_relative_website_as_a_uri() {
    TxEntity user =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    8L,
                    "email",
                    "gus@example.com",
                    "status",
                    "active",
                    "website",
                    "/users/gus"))
            .entity();

    assertThat(user.valueOf(user("website"))).isEqualTo(URI.create("/users/gus"));
  }

  @Test
  void refuses_a_website_that_is_no_uri_naming_column_value_and_converter() {
    RowError error =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    9L,
                    "email",
                    "hal@example.com",
                    "status",
                    "active",
                    "website",
                    "http://exa mple.com"))
            .error();

    assertThat(error.column()).contains("website");
    assertThat(error.value()).contains("'http://exa mple.com'");
    assertThat(error.message())
        .startsWith(
            "public.users (id=9) column website, value 'http://exa mple.com':"
                + " converter text->uri failed: not a URI: Illegal character in authority");
  }

  @Test
  void refuses_an_external_id_that_is_no_uuid_naming_column_value_and_converter() {
    RowError error =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    10L,
                    "email",
                    "ida@example.com",
                    "status",
                    "active",
                    "external_id",
                    "qf-10"))
            .error();

    assertThat(error.message())
        .isEqualTo(
            "public.users (id=10) column external_id, value 'qf-10': converter"
                + " text->uuid failed: not a UUID (expected 36 characters such as 123e4567-e89b-12d3-a456-426614174000)");
  }

  @Test
  void refuses_a_36_character_external_id_that_is_no_uuid() {
    String bad = "123e4567-e89b-12d3-a456-42661417400z";
    RowError error =
        USERS_CONVERTER
            .convert(
                row(
                    USERS,
                    "id",
                    11L,
                    "email",
                    "jo@example.com",
                    "status",
                    "active",
                    "external_id",
                    bad))
            .error();

    assertThat(error.column()).contains("external_id");
    assertThat(error.value()).contains("'" + bad + "'");
    assertThat(error.reason()).startsWith("converter text->uuid failed: not a UUID");
  }

  // ---- posts, tags, post_tags: refs as lookup refs, the bridge as :post/tags

  @Test
  void converts_a_post_with_its_author_as_a_lookup_ref() {
    TxEntity post =
        load(POSTS)
            .convert(
                row(
                    POSTS,
                    "id",
                    10L,
                    "user_id",
                    1L,
                    "title",
                    "Datomic for SQL people",
                    "body",
                    "Facts, not rows.",
                    "published_at",
                    OffsetDateTime.parse("2020-01-02T03:04:05Z")))
            .entity();

    assertThat(post.identity()).isEqualTo(LookupRef.of(post("pg-id"), 10L));
    assertThat(assertions(post))
        .isEqualTo(
            Map.of(
                post("author"),
                LookupRef.of(user("pg-id"), 1L),
                post("title"),
                "Datomic for SQL people",
                post("body"),
                "Facts, not rows.",
                post("published-at"),
                Instant.parse("2020-01-02T03:04:05Z")));
  }

  @Test
  void gives_a_post_without_body_an_empty_body_and_no_publication_date() {
    TxEntity post =
        load(POSTS).convert(row(POSTS, "id", 11L, "user_id", 2L, "title", "Draft")).entity();

    assertThat(assertions(post))
        .isEqualTo(
            Map.of(
                post("author"), LookupRef.of(user("pg-id"), 2L),
                post("title"), "Draft",
                post("body"), ""));
  }

  @Test
  void refuses_a_post_without_author_or_title_naming_the_column() {
    RowConverter posts = load(POSTS);

    assertThat(posts.convert(row(POSTS, "id", 12L, "title", "Orphan")).error().message())
        .isEqualTo(
            "public.posts (id=12) column user_id, value null: null reference in a required ref"
                + " (:post/author); let null refs be omitted in the mapping, or fix the row");
    assertThat(posts.convert(row(POSTS, "id", 13L, "user_id", 1L)).error().message())
        .startsWith(
            "public.posts (id=13) column title, value null: null in a required column (:post/title)");
  }

  @Test
  void converts_a_tag_by_its_int4_key_as_a_long_identity() {
    TxEntity tag = load(TAGS).convert(row(TAGS, "id", 3, "name", "sql")).entity();

    assertThat(tag.identity()).isEqualTo(LookupRef.of(tag("pg-id"), 3L));
    assertThat(assertions(tag)).isEqualTo(Map.of(tag("name"), "sql"));
  }

  @Test
  void collapses_each_post_tags_row_into_one_post_tags_value_on_the_post() {
    BridgeStep step =
        PLAN.steps(BridgeStep.class).stream()
            .filter(s -> s.table().equals(POST_TAGS))
            .findFirst()
            .orElseThrow();
    RowConverter bridge = converter(step);

    TxEntity first = bridge.convert(row(POST_TAGS, "post_id", 10L, "tag_id", 3)).entity();
    TxEntity second = bridge.convert(row(POST_TAGS, "post_id", 10L, "tag_id", 4)).entity();

    assertThat(first.identity()).isEqualTo(LookupRef.of(post("pg-id"), 10L));
    assertThat(first.sourceKey()).isEqualTo(RowKey.of(10L, 3));
    assertThat(assertions(first))
        .isEqualTo(Map.of(post("tags"), List.of(LookupRef.of(tag("pg-id"), 3L))));
    assertThat(assertions(second))
        .isEqualTo(Map.of(post("tags"), List.of(LookupRef.of(tag("pg-id"), 4L))));
  }

  // ---- orders and ipn: order states, numeric totals, default now, optional refs

  @Test
  void converts_an_order_with_its_total_and_defaults_a_null_created_at_to_the_run_start() {
    TxEntity order =
        load(ORDERS)
            .convert(
                row(
                    ORDERS,
                    "id",
                    5L,
                    "user_id",
                    1L,
                    "state",
                    "paid",
                    "total",
                    new BigDecimal("19.90")))
            .entity();

    assertThat(order.identity()).isEqualTo(LookupRef.of(order("pg-id"), 5L));
    assertThat(assertions(order))
        .isEqualTo(
            Map.of(
                order("user"),
                LookupRef.of(user("pg-id"), 1L),
                order("state"),
                EnumIdent.of("order.state", "paid"),
                order("total"),
                new BigDecimal("19.90"),
                order("created-at"),
                RUN_START));
  }

  @Test
  void keeps_the_created_at_of_an_order_that_has_one() {
    TxEntity order =
        load(ORDERS)
            .convert(
                row(
                    ORDERS,
                    "id",
                    6L,
                    "user_id",
                    1L,
                    "state",
                    "pending",
                    "total",
                    new BigDecimal("5.00"),
                    "created_at",
                    OffsetDateTime.parse("2021-06-07T08:09:10Z")))
            .entity();

    assertThat(order.valueOf(order("created-at"))).isEqualTo(Instant.parse("2021-06-07T08:09:10Z"));
  }

  static List<String> orderStates() {
    return Queryfeed.ORDER_STATE;
  }

  @ParameterizedTest
  @MethodSource("orderStates")
  void maps_each_order_state_to_its_ident(String state) {
    TxEntity order =
        load(ORDERS)
            .convert(row(ORDERS, "id", 7L, "user_id", 1L, "state", state, "total", BigDecimal.ONE))
            .entity();

    assertThat(order.valueOf(order("state"))).isEqualTo(EnumIdent.of("order.state", state));
  }

  @Test
  void refuses_an_order_state_outside_the_postgres_enum_and_a_null_total() {
    RowConverter orders = load(ORDERS);

    assertThat(
            orders
                .convert(
                    row(
                        ORDERS,
                        "id",
                        8L,
                        "user_id",
                        1L,
                        "state",
                        "refunded",
                        "total",
                        BigDecimal.ONE))
                .error()
                .message())
        .isEqualTo(
            "public.orders (id=8) column state, value 'refunded': unknown enum value"
                + " 'refunded', not one of [pending, paid, shipped, cancelled]; add it to the enum mapping or give the"
                + " mapping a fallback");
    assertThat(
            orders.convert(row(ORDERS, "id", 9L, "user_id", 1L, "state", "paid")).error().message())
        .startsWith(
            "public.orders (id=9) column total, value null: null in a required column (:order/total)");
  }

  @Test
  void converts_an_ipn_with_and_without_its_order() {
    RowConverter ipn = load(IPN);
    LocalDateTime received = LocalDateTime.parse("2022-02-03T04:05:06");

    TxEntity withOrder =
        ipn.convert(
                row(
                    IPN,
                    "id",
                    1L,
                    "order_id",
                    5L,
                    "payload",
                    "{\"txn\": \"A1\"}",
                    "received_at",
                    received))
            .entity();
    TxEntity orphan =
        ipn.convert(row(IPN, "id", 2L, "payload", "{}", "received_at", received)).entity();

    assertThat(assertions(withOrder))
        .isEqualTo(
            Map.of(
                ipn("order"), LookupRef.of(order("pg-id"), 5L),
                ipn("payload"), "{\"txn\": \"A1\"}",
                ipn("received-at"), Instant.parse("2022-02-03T04:05:06Z")));
    assertThat(assertions(orphan))
        .isEqualTo(
            Map.of(
                ipn("payload"), "{}", ipn("received-at"), Instant.parse("2022-02-03T04:05:06Z")));
  }

  // ---- helpers

  private static RowConverter load(TableName table) {
    return converter(
        PLAN.steps(LoadStep.class).stream()
            .filter(s -> s.table().equals(table))
            .findFirst()
            .orElseThrow());
  }

  private static RowConverter converter(PlanStep step) {
    return RowConverters.forStep(PLAN, step, CONTEXT);
  }

  /**
   * A row as {@code select *} reads it: every column of the table in catalog order, null where not
   * given.
   */
  private static SourceRow row(TableName table, Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return row(table, values);
  }

  private static SourceRow row(TableName table, Map<String, Object> values) {
    Table catalog = SCHEMA.table(table);
    List<String> columns = catalog.columns().stream().map(Column::name).toList();
    assertThat(columns).as("columns of %s", table).containsAll(values.keySet());
    return SourceRow.of(
        RowShape.of(table, columns, catalog.primaryKey()),
        columns.stream().map(values::get).toArray());
  }

  /**
   * What the entity asserts besides its identity; an attribute asserted twice would fail the
   * collector.
   */
  private static Map<Attribute, Object> assertions(TxEntity entity) {
    Map<Attribute, Object> out = new HashMap<>();
    for (int i = 0; i < entity.size(); i++) {
      assertThat(out.put(entity.attribute(i), entity.value(i)))
          .as("%s asserted twice", entity.attribute(i))
          .isNull();
    }
    return out;
  }

  private static Attribute user(String name) {
    return Attribute.of("user", name);
  }

  private static Attribute post(String name) {
    return Attribute.of("post", name);
  }

  private static Attribute tag(String name) {
    return Attribute.of("tag", name);
  }

  private static Attribute order(String name) {
    return Attribute.of("order", name);
  }

  private static Attribute ipn(String name) {
    return Attribute.of("ipn", name);
  }
}
