package io.datomize.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.EnumCandidate;
import io.datomize.catalog.EnumType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.fixtures.PagilaLike;
import io.datomize.fixtures.Queryfeed;
import io.datomize.model.AttributeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Mapping;
import io.datomize.target.Attribute;
import io.datomize.target.ValueType;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MappingValidationTest {
  private static final SourceSchema QUERYFEED = Queryfeed.schema();

  /**
   * A mapping of the Queryfeed users table with every column accounted for, to break one piece at a
   * time.
   */
  private static EntityStep users() {
    return Mappings.define(QUERYFEED)
        .skipOtherTables()
        .table("users")
        .toEntity("user")
        .identifiedBy("id")
        .as("pg-id");
  }

  private static MappingValidationException failure(MappingStep step) {
    return catchThrowableOfType(MappingValidationException.class, step::build);
  }

  @Test
  void reports_an_unknown_table_with_the_known_ones() {
    MappingValidationException e =
        failure(
            Mappings.define(QUERYFEED)
                .skipOtherTables()
                .table("user")
                .toEntity("user")
                .identifiedBy("id"));

    assertThat(e)
        .hasMessageContaining("public.user")
        .hasMessageContaining("no table named 'user'")
        .hasMessageContaining("public.users")
        .hasMessageContaining("Fix:");
  }

  @Test
  void reports_only_the_root_cause_of_a_ref_on_columns_of_no_foreign_key() {
    MappingValidationException e =
        failure(
            Mappings.define(QUERYFEED)
                .skipOtherTables()
                .table("orders")
                .toEntity("order")
                .identifiedBy("id")
                .ref("id")
                .to("user")
                .skip("user_id")
                .otherColumnsByConvention());

    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .contains("public.orders column id: no foreign key on exactly these columns"));
    assertThat(e).hasMessageNotContaining("both").hasMessageNotContaining("skip");
  }

  @Test
  void reports_an_unknown_column_with_the_known_ones() {
    assertThat(failure(users().otherColumnsByConvention().column("nickname").to("nickname")))
        .hasMessageContaining("public.users column nickname: no such column")
        .hasMessageContaining("first_name, last_name")
        .hasMessageContaining("Fix: name a column of the table in .column(..)");
  }

  @Test
  void reports_a_value_type_that_does_not_fit_the_sql_type() {
    assertThat(
            failure(
                users()
                    .column("email")
                    .to("email")
                    .valueType(ValueType.LONG)
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column email: value type LONG of :user/email does not fit the "
                + "column's type text")
        .hasMessageContaining("Fix: use .valueType(ValueType.STRING) on .column(\"email\")");
  }

  @Test
  void reports_columns_left_unmapped_in_define_mode() {
    MappingValidationException e =
        failure(users().column("email").to("email").skip("password_hash"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).columns())
        .containsExactly(
            "first_name",
            "last_name",
            "gender",
            "source",
            "status",
            "website",
            "external_id",
            "created_at",
            "bio");
    assertThat(e)
        .hasMessageContaining("would be lost")
        .hasMessageContaining(".column(\"first_name\").to(\"first-name\")")
        .hasMessageContaining(".otherColumnsByConvention()");
  }

  @Test
  void reports_tables_neither_mapped_nor_skipped() {
    assertThat(failure(Mappings.define(QUERYFEED).entityByConvention("users", "tags")))
        .hasMessageContaining("public.posts: the table is neither mapped, a bridge, nor skipped")
        .hasMessageContaining(".skipTable(\"posts\")")
        .hasMessageContaining("public.ipn:");
  }

  @Test
  void reports_two_columns_mapped_to_one_attribute() {
    assertThat(
            failure(
                users()
                    .column("first_name")
                    .to("name")
                    .column("last_name")
                    .to("name")
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users columns first_name, last_name: column public.users.first_name and "
                + "column public.users.last_name all map to :user/name")
        .hasMessageContaining(".column(\"last_name\").to(\"name-2\")");
  }

  @Test
  void reports_enum_idents_that_have_the_names_of_attributes() {
    assertThat(
            failure(
                users()
                    .column("status")
                    .toEnum("user")
                    .values(
                        java.util.Map.of(
                            "active", "bio", "suspended", "suspended", "deleted", "deleted"))
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column status: enum idents [:user/bio] have the names of attributes")
        .hasMessageContaining("choose another enum namespace in .column(\"status\").toEnum(..)");
  }

  @Test
  void reports_attributes_and_enum_idents_in_namespaces_datomic_or_datomize_keep() {
    assertThat(
            failure(
                Mappings.define(QUERYFEED)
                    .skipOtherTables()
                    .table("users")
                    .toEntity("db")
                    .identifiedBy("id")
                    .as("pg-id")
                    .column("status")
                    .toEnum("datomize.status")
                    .fallback("other")
                    .otherColumnsByConvention()))
        .hasMessageContaining("public.users: attributes [:db/pg-id, :db/status, :db/email, ")
        .hasMessageContaining("] are in a namespace that Datomic (:db, :db.*)")
        .hasMessageContaining(".table(\"users\").toEntity(\"pg-db\")")
        .hasMessageContaining("public.users column status: enum idents [:datomize.status/active")
        .hasMessageContaining("choose another enum namespace in .column(\"status\").toEnum(..)");
  }

  @Test
  void reports_enum_labels_missing_from_the_mapping_unless_a_fallback_is_given() {
    assertThat(
            failure(
                users()
                    .column("status")
                    .toEnum("user.status")
                    .value("active", "active")
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column status: the enum mapping misses values [suspended, deleted] of "
                + "the column's enum type public.user_status")
        .hasMessageContaining(
            ".value(\"suspended\", \"suspended\").value(\"deleted\", \"deleted\")")
        .hasMessageContaining(".fallback(..)");
    assertThat(
            users()
                .column("status")
                .toEnum("user.status")
                .value("active", "active")
                .fallback("other")
                .otherColumnsByConvention()
                .build()
                .entities())
        .hasSize(1);
  }

  @Test
  void reports_enum_values_the_check_list_does_not_allow() {
    assertThat(
            failure(
                users()
                    .column("source")
                    .toEnum("user.source")
                    .values(java.util.Map.of("myspace", "myspace"))
                    .fallback("other")
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column source: the enum mapping lists values [myspace] that the "
                + "column's CHECK list");
  }

  @Test
  void reports_a_ref_to_a_skipped_table() {
    assertThat(
            failure(
                Mappings.define(QUERYFEED)
                    .skipTable("users")
                    .skipOtherTables()
                    .table("posts")
                    .toEntity("post")
                    .identifiedBy("id")
                    .ref("user_id")
                    .to("author")
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.posts column user_id: ref :post/author refers to public.users, which is skipped")
        .hasMessageContaining(".entityByConvention(\"users\")");
  }

  @Test
  void reports_a_ref_whose_target_is_identified_by_other_columns() {
    assertThat(
            failure(
                Mappings.define(QUERYFEED)
                    .skipOtherTables()
                    .table("users")
                    .toEntity("user")
                    .identifiedBy("email")
                    .otherColumnsByConvention()
                    .table("posts")
                    .toEntity("post")
                    .identifiedBy("id")
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.posts column user_id: ref :post/user refers to columns [id] of public.users, "
                + "but its entities are identified by [email]")
        .hasMessageContaining(".table(\"users\").toEntity(..).identifiedBy(\"id\")");
  }

  @Test
  void reports_a_ref_on_columns_without_a_foreign_key() {
    assertThat(failure(users().ref("email").to("mail").otherColumnsByConvention()))
        .hasMessageContaining("public.users column email: no foreign key on exactly these columns")
        .hasMessageContaining("map the columns as attributes with .column(..)");
  }

  @Test
  void reports_bridge_columns_that_are_neither_ends_nor_dropped() {
    assertThat(
            failure(
                Mappings.define(PagilaLike.schema())
                    .entityByConvention("film", "actor", "language")
                    .bridge("film_actor")
                    .from("film_id")
                    .to("actor_id")
                    .as("film", "actors")
                    .skipOtherTables()))
        .hasMessageContaining("public.film_actor column last_update: the bridge has other columns")
        .hasMessageContaining(".dropColumns(\"last_update\")");
  }

  @Test
  void reports_bridge_ends_that_are_not_entities() {
    assertThat(
            failure(
                Mappings.define(QUERYFEED)
                    .entityByConvention("users", "posts")
                    .bridge("post_tags")
                    .from("post_id")
                    .to("tag_id")
                    .as("post", "tags")
                    .skipOtherTables()))
        .hasMessageContaining(
            "public.post_tags column tag_id: the target side of bridge :post/tags refers to "
                + "public.tags, which is skipped");
  }

  @Test
  void reports_bridge_ends_without_a_foreign_key() {
    assertThat(
            failure(
                Mappings.define(QUERYFEED)
                    .entityByConvention("posts", "tags", "users")
                    .bridge("post_tags")
                    .from("post_id", "tag_id")
                    .to("tag_id")
                    .as("post", "tags")
                    .skipOtherTables()))
        .hasMessageContaining(
            "public.post_tags columns post_id, tag_id: no foreign key of the bridge on exactly "
                + "these columns")
        .hasMessageContaining(".bridge(\"post_tags\").from(..)");
  }

  @Test
  void reports_nullable_columns_without_a_null_policy_when_strict() {
    assertThat(
            failure(
                users()
                    .column("first_name")
                    .to("first-name")
                    .column("bio")
                    .to("bio")
                    .defaultIfNull("")
                    .otherColumnsByConvention()
                    .strictNulls()))
        .hasMessageContaining(
            "public.users columns first_name, last_name, gender, source, website, external_id, "
                + "password_hash, created_at: strictNulls() is on")
        .hasMessageContaining(
            ".omitIfNull(), .required(), .defaultIfNull(value) or .defaultNowIfNull()");
  }

  @Test
  void reports_nullable_identity_columns() {
    assertThat(
            failure(
                Mappings.define(QUERYFEED)
                    .skipOtherTables()
                    .table("users")
                    .toEntity("user")
                    .identifiedBy("first_name")
                    .otherColumnsByConvention()))
        .hasMessageContaining("public.users column first_name: identity columns are nullable");
  }

  @Test
  void reports_an_identity_of_more_than_eight_columns() {
    List<String> names = IntStream.range(0, 9).mapToObj(i -> "k" + i).toList();
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(TableName.parse("wide"))
                    .addAllColumns(
                        names.stream()
                            .map(
                                n -> Column.of(n, ColumnType.of("int4", TypeFamily.INTEGER), false))
                            .toList())
                    .primaryKey(names)
                    .build())
            .build();

    assertThat(
            catchThrowableOfType(
                MappingValidationException.class, () -> Mappings.conventions(schema).build()))
        .hasMessageContaining(
            "public.wide columns k0, k1, k2, k3, k4, k5, k6, k7, k8: an identity of 9 columns")
        .hasMessageContaining("at most 8");
  }

  @Test
  void reports_defaults_of_the_wrong_type_and_now_for_non_instants() {
    MappingValidationException e =
        failure(
            users()
                .column("first_name")
                .to("first-name")
                .defaultIfNull(0)
                .column("bio")
                .to("bio")
                .defaultNowIfNull()
                .otherColumnsByConvention());

    assertThat(e.problems()).hasSize(2);
    assertThat(e)
        .hasMessageContaining(
            "public.users column first_name: the default value 0 (Integer) is not a "
                + "value of :user/first-name, which holds String")
        .hasMessageContaining("e.g. \"\"")
        .hasMessageContaining(
            "public.users column bio: defaultNowIfNull() needs an instant attribute");
  }

  @Test
  void reports_two_null_policies_on_one_column() {
    assertThat(
            failure(
                users().column("bio").to("bio").required().omitIfNull().otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column bio: more than one null policy chosen: [required, omit if null]")
        .hasMessageContaining("keep one of");
  }

  @Test
  void reports_options_given_twice_with_different_values_instead_of_keeping_the_last() {
    assertThat(
            failure(
                users()
                    .column("gender")
                    .toEnum("user.gender")
                    .value("male", "m")
                    .value("male", "man")
                    .fallback("other")
                    .fallback("unknown")
                    .doc("sex")
                    .doc("gender")
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column gender: options given twice with different values, of which only"
                + " the last would count: value 'male': m, then man; fallback: other, then unknown; doc: sex, then gender")
        .hasMessageContaining("Fix: keep one of each on .column(\"gender\")");
    assertThat(
            failure(
                users()
                    .column("website")
                    .to("website")
                    .converted(Converters.textToUri())
                    .converted(Converters.toText())
                    .otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column website: options given twice with different values, of which"
                + " only the last would count: converted: text->uri, then to-text");
    assertThat(
            users()
                .column("gender")
                .toEnum("user.gender")
                .value("male", "male")
                .value("male", "male")
                .fallback("other")
                .fallback("other")
                .otherColumnsByConvention()
                .build()
                .entities())
        .hasSize(1);
  }

  @Test
  void an_enum_column_needs_enum_idents_or_an_explicit_value_type() {
    assertThat(failure(users().column("status").to("status").otherColumnsByConvention()))
        .hasMessageContaining(
            "public.users column status: the column is of enum type public.user_status")
        .hasMessageContaining(".column(\"status\").toEnum(\"user.status\")")
        .hasMessageContaining(".valueType(ValueType.STRING)");
    assertThat(
            users()
                .column("status")
                .to("status")
                .valueType(ValueType.STRING)
                .otherColumnsByConvention()
                .build()
                .entities()
                .get(0)
                .attributeFor("status")
                .orElseThrow()
                .valueType())
        .isEqualTo(ValueType.STRING);
  }

  @Test
  void reports_an_invalid_attribute_name_at_build_naming_the_column() {
    assertThat(failure(users().column("first_name").to("first name").otherColumnsByConvention()))
        .hasMessageContaining("public.users column first_name: attribute name 'first name'")
        .hasMessageContaining(".column(\"first_name\").to(\"first-name\")");
  }

  @Test
  void reports_every_problem_at_once() {
    MappingValidationException e =
        failure(
            Mappings.define(QUERYFEED)
                .table("users")
                .toEntity("user")
                .identifiedBy("id")
                .column("email")
                .to("email")
                .valueType(ValueType.LONG)
                .column("nickname")
                .to("nickname")
                .table("nope")
                .toEntity("nope")
                .identifiedBy("id")
                .table("users")
                .toEntity("again")
                .identifiedBy("id"));

    assertThat(e.problems())
        .extracting(p -> p.table().map(Object::toString).orElse("the mapping"))
        .contains(
            "public.users",
            "public.nope",
            "public.posts",
            "public.tags",
            "public.orders",
            "public.ipn");
    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(e.getMessage())
        .startsWith(e.problems().size() + " problems in the mapping:")
        .contains("mapped more than once");
  }

  @Test
  void blank_names_fail_at_once_naming_what_is_missing() {
    assertThatThrownBy(() -> Mappings.define(QUERYFEED).table(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the table name is null or blank");
    assertThatThrownBy(() -> users().column(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a column name of table users");
    assertThatThrownBy(() -> users().skip())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no column of table users to skip given");
  }

  @Test
  void conventions_report_columns_that_collide_after_kebab_case() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(TableName.parse("people"))
                    .addColumns(
                        Column.of("id", ColumnType.of("int8", TypeFamily.INTEGER), false),
                        Column.of("first_name", ColumnType.of("text", TypeFamily.TEXT), true),
                        Column.of("FIRST_NAME", ColumnType.of("text", TypeFamily.TEXT), true),
                        Column.of("user", ColumnType.of("text", TypeFamily.TEXT), true),
                        Column.of("user_id", ColumnType.of("int8", TypeFamily.INTEGER), true))
                    .addPrimaryKey("id")
                    .addForeignKeys(
                        ForeignKey.of(
                            "people_user_id_fkey",
                            List.of("user_id"),
                            TableName.parse("people"),
                            List.of("id")))
                    .build())
            .build();

    MappingValidationException e =
        catchThrowableOfType(
            MappingValidationException.class, () -> Mappings.conventions(schema).build());

    assertThat(e.problems()).hasSize(2);
    assertThat(e)
        .hasMessageContaining(
            "public.people columns first_name, FIRST_NAME: column public.people.first_name "
                + "and column public.people.FIRST_NAME all map to :person/first-name")
        .hasMessageContaining(
            "public.people columns user, user_id: column public.people.user and the ref of "
                + "public.people[user_id] all map to :person/user");
  }

  @Test
  void conventions_report_enum_labels_that_collide() {
    SourceSchema schema =
        SourceSchema.builder()
            .addEnumTypes(EnumType.of("public", "mood", List.of("Happy", "happy", "sad")))
            .addTables(
                Table.builder()
                    .name(TableName.parse("diary"))
                    .addColumns(
                        Column.of("id", ColumnType.of("int8", TypeFamily.INTEGER), false),
                        Column.of("mood", ColumnType.enumOf("public.mood"), false),
                        Column.of("weather", ColumnType.of("text", TypeFamily.TEXT), false))
                    .addPrimaryKey("id")
                    .addEnumCandidates(EnumCandidate.of("weather", List.of("sunny", "SUNNY")))
                    .build())
            .build();

    assertThat(
            catchThrowableOfType(
                MappingValidationException.class, () -> Mappings.conventions(schema).build()))
        .hasMessageContaining(
            "public.diary column mood: enum labels ['Happy', 'happy'] all become :diary.mood/happy")
        .hasMessageContaining(".value(\"Happy\", \"...\").value(\"happy\", \"...\")")
        .hasMessageContaining("public.diary column weather: enum labels ['sunny', 'SUNNY']");
  }

  @Test
  void validates_mappings_built_with_the_model_builders() {
    Mapping mapping =
        Mapping.builder()
            .addEntities(
                EntityMapping.builder()
                    .table(Queryfeed.TAGS)
                    .namespace("tag")
                    .identity(
                        IdentityMapping.builder()
                            .attribute(Attribute.parse(":tag/id"))
                            .addColumns("id")
                            .addValueTypes(ValueType.STRING)
                            .build())
                    .addAttributes(
                        AttributeMapping.builder()
                            .column("label")
                            .attribute(Attribute.parse(":tag/label"))
                            .valueType(ValueType.STRING)
                            .build())
                    .build())
            .addSkippedTables(
                Queryfeed.USERS,
                Queryfeed.POSTS,
                Queryfeed.POST_TAGS,
                Queryfeed.ORDERS,
                Queryfeed.IPN)
            .build();

    assertThat(Mappings.validate(mapping, QUERYFEED))
        .extracting(MappingProblem::toString)
        .containsExactly(
            "public.tags column label: no such column; the table's columns are id, name. Fix: name columns of the table, "
                + "as the catalog spells them",
            "public.tags column name: columns are neither mapped, refs, nor skipped, and would be lost. Fix: in "
                + ".table(\"tags\") map each with .column(\"name\").to(\"name\"), skip it with .skip(\"name\"), or add "
                + ".otherColumnsByConvention()",
            "public.tags column id: identity value type STRING does not fit the key column's type int4. Fix: use LONG");
  }
}
