package io.datomize.mapping;

import static io.datomize.fixtures.PagilaLike.ACTOR;
import static io.datomize.fixtures.PagilaLike.CATEGORY;
import static io.datomize.fixtures.PagilaLike.EMPLOYEE;
import static io.datomize.fixtures.PagilaLike.FILM;
import static io.datomize.fixtures.PagilaLike.FILM_ACTOR;
import static io.datomize.fixtures.PagilaLike.FILM_CATEGORY;
import static io.datomize.fixtures.PagilaLike.LANGUAGE;
import static io.datomize.fixtures.PagilaLike.PLAYLIST;
import static io.datomize.fixtures.PagilaLike.PLAYLIST_TRACK;
import static io.datomize.fixtures.PagilaLike.RENTAL_NOTE;
import static io.datomize.fixtures.PagilaLike.STORE_FILM;
import static io.datomize.fixtures.PagilaLike.TRACK;
import static io.datomize.fixtures.Queryfeed.POSTS;
import static io.datomize.fixtures.Queryfeed.POST_TAGS;
import static io.datomize.fixtures.Queryfeed.TAGS;
import static io.datomize.fixtures.Queryfeed.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.fixtures.PagilaLike;
import io.datomize.fixtures.Queryfeed;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.Naming;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConventionsTest {
  private static final Mapping QUERYFEED = Mappings.conventions(Queryfeed.schema()).build();
  private static final Mapping PAGILA = Mappings.conventions(PagilaLike.schema()).build();

  @Test
  void names_are_kebab_case_keywords() {
    assertThat(List.of("first_name", "FIRST_NAME", "firstName", "first-name"))
        .map(Conventions::attributeName)
        .containsOnly("first-name");
    assertThat(Conventions.attributeName("2fa_code")).isEqualTo("_2fa-code");
    assertThat(Conventions.attributeName("price $")).isEqualTo("price--");
    assertThat(List.of("prénom", "Prénom")).map(Conventions::attributeName).containsOnly("prénom");
    assertThat(Conventions.attributeName("Straße")).isEqualTo("straße");
    assertThat(Conventions.attributeName("名前")).isEqualTo("名前");
    assertThat(Conventions.namespace(TableName.of("public", "order_lines")))
        .isEqualTo("order-line");
    assertThat(Conventions.namespace(TableName.of("Sales", "order_lines")))
        .isEqualTo("sales.order-line");
    assertThat(Conventions.identityName(List.of("actor_id", "film_id")))
        .isEqualTo("actor-id+film-id");
    assertThat(List.of("PG-13", "pg 13", "Pg_13"))
        .map(Conventions::enumIdentName)
        .containsOnly("pg-13");
    assertThat(Conventions.enumIdentName("")).isEqualTo("_");
    assertThat(Conventions.enumIdentName("Café crème")).isEqualTo("café-crème");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "categories, category",
    "order-details, order-detail",
    "people, person",
    "addresses, address",
    "statuses, status",
    "users, user",
    "post-tags, post-tag",
    "children, child",
    "invoice-lines, invoice-line",
    "news, news",
    "series, series",
    "data, data",
    "metadata, metadata",
    "media, media",
    "staff, staff",
    "film, film",
    "address, address",
    "analysis, analysis",
    "status, status",
    "axis, axis",
    "s, s",
    "prénoms, prénom",
    "straße, straße",
    "address2, address2",
    "order-details-2024, order-details-2024"
  })
  void singular_namespaces_come_from_english_inflection_rules(String name, String singular) {
    assertThat(Conventions.singular(name)).isEqualTo(singular);
  }

  @Test
  void maps_queryfeed_users_by_convention() {
    EntityMapping users = QUERYFEED.entity(USERS).orElseThrow();

    assertThat(users.namespace()).isEqualTo("user");
    assertThat(users.identity())
        .isEqualTo(
            IdentityMapping.builder()
                .attribute(Attribute.parse(":user/id"))
                .addColumns("id")
                .addValueTypes(ValueType.LONG)
                .build());
    assertThat(users.attributes())
        .extracting(
            AttributeMapping::column,
            a -> a.attribute().toString(),
            AttributeMapping::valueType,
            AttributeMapping::nullPolicy,
            AttributeMapping::unique)
        .containsExactly(
            tuple(
                "email",
                ":user/email",
                ValueType.STRING,
                Optional.of(NullPolicy.required()),
                Uniqueness.VALUE),
            tuple(
                "first_name",
                ":user/first-name",
                ValueType.STRING,
                Optional.empty(),
                Uniqueness.NONE),
            tuple(
                "last_name",
                ":user/last-name",
                ValueType.STRING,
                Optional.empty(),
                Uniqueness.NONE),
            tuple("gender", ":user/gender", ValueType.REF, Optional.empty(), Uniqueness.NONE),
            tuple("source", ":user/source", ValueType.REF, Optional.empty(), Uniqueness.NONE),
            tuple(
                "status",
                ":user/status",
                ValueType.REF,
                Optional.of(NullPolicy.required()),
                Uniqueness.NONE),
            tuple("website", ":user/website", ValueType.STRING, Optional.empty(), Uniqueness.NONE),
            tuple(
                "external_id",
                ":user/external-id",
                ValueType.STRING,
                Optional.empty(),
                Uniqueness.NONE),
            tuple(
                "password_hash",
                ":user/password-hash",
                ValueType.STRING,
                Optional.empty(),
                Uniqueness.NONE),
            tuple(
                "created_at",
                ":user/created-at",
                ValueType.INSTANT,
                Optional.empty(),
                Uniqueness.NONE),
            tuple("bio", ":user/bio", ValueType.STRING, Optional.empty(), Uniqueness.NONE));
    assertThat(users.attributeFor("status").orElseThrow().enumMapping().orElseThrow().values())
        .containsExactly(
            entry("active", ":user.status/active"),
            entry("suspended", ":user.status/suspended"),
            entry("deleted", ":user.status/deleted"));
    assertThat(
            users
                .attributeFor("source")
                .orElseThrow()
                .enumMapping()
                .orElseThrow()
                .values()
                .values())
        .extracting(EnumIdent::toString)
        .containsExactly(
            ":user.source/facebook",
            ":user.source/google",
            ":user.source/twitter",
            ":user.source/email");
  }

  @Test
  void maps_foreign_keys_to_refs_and_not_to_plain_attributes() {
    EntityMapping posts = QUERYFEED.entity(POSTS).orElseThrow();

    assertThat(posts.refs())
        .containsExactly(
            RefMapping.builder()
                .addColumns("user_id")
                .target(USERS)
                .addTargetColumns("id")
                .attribute(Attribute.parse(":post/user"))
                .nullPolicy(NullPolicy.required())
                .build());
    assertThat(posts.attributes())
        .extracting(AttributeMapping::column)
        .containsExactly("title", "body", "published_at");
    assertThat(QUERYFEED.entity(Queryfeed.IPN).orElseThrow().refs())
        .extracting(RefMapping::nullPolicy)
        .containsExactly(NullPolicy.omit());
  }

  @Test
  void collapses_bridge_table_into_many_ref() {
    assertThat(QUERYFEED.bridges())
        .containsExactly(
            BridgeMapping.builder()
                .table(POST_TAGS)
                .owner(POSTS)
                .addOwnerColumns("post_id")
                .target(TAGS)
                .addTargetColumns("tag_id")
                .attribute(Attribute.parse(":post/tags"))
                .build());
    assertThat(QUERYFEED.entities()).extracting(EntityMapping::table).doesNotContain(POST_TAGS);
    assertThat(Mappings.validate(QUERYFEED, Queryfeed.schema())).isEmpty();
  }

  @Test
  void picks_the_bridge_owner_by_name_prefix_and_drops_other_bridge_columns() {
    assertThat(PAGILA.bridges())
        .extracting(
            BridgeMapping::table,
            BridgeMapping::owner,
            BridgeMapping::ownerColumns,
            BridgeMapping::target,
            BridgeMapping::targetColumns,
            b -> b.attribute().toString(),
            BridgeMapping::droppedColumns)
        .containsExactly(
            tuple(
                FILM_ACTOR,
                FILM,
                List.of("film_id"),
                ACTOR,
                List.of("actor_id"),
                ":film/actors",
                List.of("last_update")),
            tuple(
                FILM_CATEGORY,
                FILM,
                List.of("film_id"),
                CATEGORY,
                List.of("category_id"),
                ":film/categories",
                List.of("last_update")),
            tuple(
                PLAYLIST_TRACK,
                PLAYLIST,
                List.of("playlist_id"),
                TRACK,
                List.of("track_id"),
                ":playlist/tracks",
                List.of()));
  }

  @Test
  void owner_falls_back_to_the_first_key_column_and_names_the_attribute_after_the_target() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                keyed("students", "id"),
                keyed("courses", "id"),
                Table.builder()
                    .name(TableName.parse("enrollments"))
                    .addColumns(longColumn("student_id"), longColumn("course_id"))
                    .addPrimaryKey("student_id", "course_id")
                    .addForeignKeys(
                        io.datomize.catalog.ForeignKey.of(
                            "e_s",
                            List.of("student_id"),
                            TableName.parse("students"),
                            List.of("id")),
                        io.datomize.catalog.ForeignKey.of(
                            "e_c", List.of("course_id"), TableName.parse("courses"), List.of("id")))
                    .build())
            .build();

    assertThat(Mappings.conventions(schema).build().bridges())
        .extracting(b -> b.attribute().toString(), BridgeMapping::ownerColumns)
        .containsExactly(tuple(":student/courses", List.of("student_id")));
  }

  @Test
  void maps_pagila_film_types_enums_arrays_and_refs() {
    EntityMapping film = PAGILA.entity(FILM).orElseThrow();

    assertThat(film.attributes())
        .extracting(
            AttributeMapping::column,
            AttributeMapping::valueType,
            AttributeMapping::cardinality,
            AttributeMapping::converter)
        .containsExactly(
            tuple("title", ValueType.STRING, Cardinality.ONE, Optional.empty()),
            tuple("description", ValueType.STRING, Cardinality.ONE, Optional.empty()),
            tuple("release_year", ValueType.LONG, Cardinality.ONE, Optional.empty()),
            tuple("rating", ValueType.REF, Cardinality.ONE, Optional.empty()),
            tuple("special_features", ValueType.STRING, Cardinality.MANY, Optional.empty()),
            tuple("fulltext", ValueType.STRING, Cardinality.ONE, Optional.of(Converters.toText())),
            tuple("length", ValueType.LONG, Cardinality.ONE, Optional.empty()),
            tuple("replacement_cost", ValueType.BIGDEC, Cardinality.ONE, Optional.empty()),
            tuple("last_update", ValueType.INSTANT, Cardinality.ONE, Optional.empty()));
    assertThat(
            film.attributeFor("rating").orElseThrow().enumMapping().orElseThrow().values().values())
        .extracting(EnumIdent::toString)
        .containsExactly(
            ":film.rating/g",
            ":film.rating/pg",
            ":film.rating/pg-13",
            ":film.rating/r",
            ":film.rating/nc-17");
    assertThat(film.refs())
        .extracting(r -> r.attribute().toString(), RefMapping::target, RefMapping::targetColumns)
        .containsExactly(tuple(":film/language", LANGUAGE, List.of("language_id")));
    assertThat(Mappings.validate(PAGILA, PagilaLike.schema())).isEmpty();
  }

  @Test
  void maps_a_self_reference_as_an_optional_ref() {
    EntityMapping employee = PAGILA.entity(EMPLOYEE).orElseThrow();

    assertThat(employee.refs())
        .containsExactly(
            RefMapping.builder()
                .addColumns("reports_to")
                .target(EMPLOYEE)
                .addTargetColumns("employee_id")
                .attribute(Attribute.parse(":employee/reports-to"))
                .nullPolicy(NullPolicy.omit())
                .build());
    assertThat(employee.attributeFor("hired_at").orElseThrow().converter())
        .contains(Converters.toText());
  }

  @Test
  void a_composite_key_becomes_a_tuple_identity_and_its_parts_stay_queryable() {
    EntityMapping storeFilm = PAGILA.entity(STORE_FILM).orElseThrow();

    assertThat(storeFilm.identity())
        .isEqualTo(
            IdentityMapping.builder()
                .attribute(Attribute.parse(":store-film/store-id+film-id"))
                .addColumns("store_id", "film_id")
                .addValueTypes(ValueType.LONG, ValueType.LONG)
                .build());
    assertThat(storeFilm.identity().schema().valueType()).isEqualTo(ValueType.TUPLE);
    assertThat(storeFilm.attributes())
        .extracting(AttributeMapping::column)
        .containsExactly("store_id", "copies");
    assertThat(storeFilm.refs())
        .extracting(r -> r.attribute().toString())
        .containsExactly(":store-film/film");
  }

  @Test
  void a_composite_foreign_key_is_named_after_its_constraint() {
    EntityMapping note = PAGILA.entity(RENTAL_NOTE).orElseThrow();

    assertThat(note.refs())
        .containsExactly(
            RefMapping.builder()
                .addColumns("store_id", "film_id")
                .target(STORE_FILM)
                .addTargetColumns("store_id", "film_id")
                .attribute(Attribute.parse(":rental-note/store-id-film-id"))
                .nullPolicy(NullPolicy.required())
                .build());
  }

  @Test
  void a_table_without_primary_key_is_identified_by_a_unique_key_of_not_null_columns() {
    EntityMapping codes = PAGILA.entity(PagilaLike.COUNTRY_CODE).orElseThrow();

    assertThat(codes.namespace()).isEqualTo("reference.country-code");
    assertThat(codes.identity().attribute())
        .isEqualTo(Attribute.parse(":reference.country-code/code"));
    assertThat(codes.attributes())
        .extracting(AttributeMapping::column, AttributeMapping::unique)
        .containsExactly(tuple("name", Uniqueness.NONE), tuple("numeric_code", Uniqueness.VALUE));
  }

  @Test
  void an_override_replaces_namespace_identity_and_the_columns_it_names() {
    Mapping mapping =
        Mappings.conventions(Queryfeed.schema())
            .table("users")
            .toEntity("user")
            .identifiedBy("id")
            .as("pg-id")
            .column("first_name")
            .to("first-name")
            .defaultIfNull("")
            .skip("password_hash")
            .table("posts")
            .toEntity("post")
            .identifiedBy("id")
            .as("pg-id")
            .skipTable("ipn")
            .build();

    EntityMapping users = mapping.entity(USERS).orElseThrow();
    assertThat(users.identity().attribute()).isEqualTo(Attribute.parse(":user/pg-id"));
    assertThat(users.attributeFor("first_name").orElseThrow().nullPolicy())
        .contains(NullPolicy.defaultTo(""));
    assertThat(users.attributeFor("last_name").orElseThrow().attribute())
        .isEqualTo(Attribute.parse(":user/last-name"));
    assertThat(users.attributeFor("gender").orElseThrow().enumMapping().orElseThrow().values())
        .containsEntry("male", EnumIdent.parse(":user.gender/male"));
    assertThat(users.attributeFor("password_hash")).isEmpty();
    assertThat(mapping.bridges())
        .extracting(b -> b.attribute().toString())
        .containsExactly(":post/tags");
    assertThat(mapping.entity(Queryfeed.ORDERS).orElseThrow().refs())
        .extracting(RefMapping::targetColumns)
        .containsExactly(List.of("id"));
    assertThat(mapping.skippedTables()).containsExactly(Queryfeed.IPN);
  }

  @Test
  void a_detected_bridge_can_be_kept_as_an_entity() {
    Mapping mapping =
        Mappings.conventions(Queryfeed.schema()).entityByConvention("post_tags").build();

    assertThat(mapping.bridges()).isEmpty();
    EntityMapping postTags = mapping.entity(POST_TAGS).orElseThrow();
    assertThat(postTags.identity().attribute())
        .isEqualTo(Attribute.parse(":post-tag/post-id+tag-id"));
    assertThat(postTags.refs())
        .extracting(r -> r.attribute().toString())
        .containsExactly(":post-tag/post", ":post-tag/tag");
    assertThat(postTags.attributes()).isEmpty();
  }

  @Test
  void a_bridge_can_be_overridden_with_its_own_attribute() {
    Mapping mapping =
        Mappings.conventions(Queryfeed.schema())
            .bridge("post_tags")
            .from("tag_id")
            .to("post_id")
            .as("tag", "posts")
            .doc("posts with this tag")
            .build();

    assertThat(mapping.bridges())
        .containsExactly(
            BridgeMapping.builder()
                .table(POST_TAGS)
                .owner(TAGS)
                .addOwnerColumns("tag_id")
                .target(POSTS)
                .addTargetColumns("post_id")
                .attribute(Attribute.parse(":tag/posts"))
                .doc("posts with this tag")
                .build());
  }

  @Test
  void a_table_without_any_key_is_identified_by_its_content() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(TableName.parse("audit_log"))
                    .addColumns(Column.of("message", ColumnType.of("text", TypeFamily.TEXT), true))
                    .build())
            .build();

    assertThat(
            Mappings.conventions(schema)
                .build()
                .entity(TableName.parse("audit_log"))
                .orElseThrow()
                .identity()
                .columns())
        .isEqualTo(io.datomize.spi.ContentKey.COLUMNS);
  }

  @Test
  void a_column_prefix_repeating_the_table_name_is_dropped_unless_it_collides() {
    TableName categories = TableName.parse("categories");
    TableName brands = TableName.parse("brands");
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(categories)
                    .addColumns(
                        longColumn("category_id"),
                        textColumn("category_name"),
                        longColumn("category_parent_id"))
                    .addPrimaryKey("category_id")
                    .addForeignKeys(
                        io.datomize.catalog.ForeignKey.of(
                            "c_p",
                            List.of("category_parent_id"),
                            categories,
                            List.of("category_id")))
                    .build(),
                Table.builder()
                    .name(brands)
                    .addColumns(
                        longColumn("id"),
                        textColumn("brand_name"),
                        textColumn("name"),
                        textColumn("brand_"),
                        textColumn("brands_code"))
                    .addPrimaryKey("id")
                    .build())
            .build();

    Mapping mapping = Mappings.conventions(schema).build();

    EntityMapping category = mapping.entity(categories).orElseThrow();
    assertThat(category.identity().attribute()).isEqualTo(Attribute.parse(":category/id"));
    assertThat(category.attributes())
        .extracting(a -> a.attribute().toString())
        .containsExactly(":category/name");
    assertThat(category.refs())
        .extracting(r -> r.attribute().toString())
        .containsExactly(":category/parent");
    assertThat(mapping.entity(brands).orElseThrow().attributes())
        .extracting(a -> a.attribute().toString())
        .containsExactly(":brand/brand-name", ":brand/name", ":brand/brand-", ":brand/code");
  }

  @Test
  void tables_whose_singular_namespaces_collide_keep_their_own_names() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(keyed("user", "id"), keyed("users", "id"), keyed("people", "id"))
            .build();

    Mapping mapping = Mappings.conventions(schema).build();

    assertThat(mapping.entities())
        .extracting(e -> e.table().name(), EntityMapping::namespace)
        .containsExactly(tuple("user", "user"), tuple("users", "users"), tuple("people", "person"));
  }

  @Test
  void namespaces_that_datomic_or_datomize_keep_for_themselves_get_a_prefix() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                keyed("dbs", "id"),
                keyed("db.users", "id"),
                keyed("datomize", "id"),
                keyed("datomize.runs", "id"),
                keyed("db_versions", "id"),
                keyed("dbx.items", "id"))
            .build();

    Mapping mapping = Mappings.conventions(schema).build();

    assertThat(mapping.entities())
        .extracting(EntityMapping::namespace)
        .containsExactly(
            "pg-db", "pg-db.user", "pg-datomize", "pg-datomize.run", "db-version", "dbx.item");
    assertThat(Mappings.validate(mapping, schema)).isEmpty();
  }

  @Test
  void tables_whose_names_collide_even_as_written_are_reported_not_merged() {
    SourceSchema schema =
        SourceSchema.builder().addTables(keyed("Users", "id"), keyed("users", "id")).build();

    assertThatThrownBy(() -> Mappings.conventions(schema).build())
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining("all map to :users/id");
  }

  @Test
  void letters_outside_ascii_are_kept_in_namespaces_attributes_and_enum_idents() {
    TableName streets = TableName.parse("Straßen");
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(streets)
                    .addColumns(
                        longColumn("id"),
                        textColumn("prénom"),
                        textColumn("Größe"),
                        textColumn("état"))
                    .addPrimaryKey("id")
                    .addEnumCandidates(
                        io.datomize.catalog.EnumCandidate.of("état", List.of("élevé", "bas")))
                    .build())
            .build();

    Mapping mapping = Mappings.conventions(schema).build();

    EntityMapping entity = mapping.entity(streets).orElseThrow();
    assertThat(entity.attributes())
        .extracting(a -> a.attribute().toString())
        .containsExactly(":straßen/prénom", ":straßen/größe", ":straßen/état");
    assertThat(
            entity.attributeFor("état").orElseThrow().enumMapping().orElseThrow().values().values())
        .extracting(EnumIdent::toString)
        .containsExactly(":straßen.état/élevé", ":straßen.état/bas");
    assertThat(
            Mappings.conventions(schema)
                .naming(Naming.LITERAL)
                .build()
                .entity(streets)
                .orElseThrow()
                .attributes())
        .extracting(a -> a.attribute().toString())
        .containsExactly(":stra-en/pr-nom", ":stra-en/gr--e", ":stra-en/-tat");
  }

  @Test
  void literal_naming_keeps_the_kebab_case_names_of_earlier_versions() {
    Mapping queryfeed = Mappings.conventions(Queryfeed.schema()).naming(Naming.LITERAL).build();
    Mapping pagila = Mappings.conventions(PagilaLike.schema()).naming(Naming.LITERAL).build();

    assertThat(queryfeed.options().naming()).isEqualTo(Naming.LITERAL);
    EntityMapping users = queryfeed.entity(USERS).orElseThrow();
    assertThat(users.identity().attribute()).isEqualTo(Attribute.parse(":users/id"));
    assertThat(users.attributeFor("first_name").orElseThrow().attribute())
        .isEqualTo(Attribute.parse(":users/first-name"));
    assertThat(queryfeed.entity(POSTS).orElseThrow().refs())
        .extracting(r -> r.attribute().toString())
        .containsExactly(":posts/user");
    assertThat(queryfeed.bridges())
        .extracting(b -> b.attribute().toString())
        .containsExactly(":posts/tags");
    assertThat(pagila.bridges())
        .extracting(b -> b.attribute().toString())
        .containsExactly(":film/actor", ":film/category", ":playlist/track");
    assertThat(pagila.entity(LANGUAGE).orElseThrow().identity().attribute())
        .isEqualTo(Attribute.parse(":language/language-id"));
    assertThat(Mappings.validate(pagila, PagilaLike.schema())).isEmpty();
  }

  static Table keyed(String name, String key) {
    return Table.builder()
        .name(TableName.parse(name))
        .addColumns(longColumn(key))
        .addPrimaryKey(key)
        .build();
  }

  static Column textColumn(String name) {
    return Column.of(name, ColumnType.of("text", TypeFamily.TEXT), true);
  }

  static Column longColumn(String name) {
    return Column.of(name, ColumnType.of("int8", TypeFamily.INTEGER), false);
  }

  private static java.util.Map.Entry<String, EnumIdent> entry(String label, String ident) {
    return java.util.Map.entry(label, EnumIdent.parse(ident));
  }
}
