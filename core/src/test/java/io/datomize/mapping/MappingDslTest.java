package io.datomize.mapping;

import static io.datomize.fixtures.Queryfeed.IPN;
import static io.datomize.fixtures.Queryfeed.ORDERS;
import static io.datomize.fixtures.Queryfeed.POSTS;
import static io.datomize.fixtures.Queryfeed.POST_TAGS;
import static io.datomize.fixtures.Queryfeed.TAGS;
import static io.datomize.fixtures.Queryfeed.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import io.datomize.fixtures.Queryfeed;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.Converters;
import io.datomize.model.EntityMapping;
import io.datomize.model.EnumMapping;
import io.datomize.model.IdentityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.MappingOptions;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingDslTest {
  private static final Mapping QUERYFEED = Queryfeed.mapping();

  @Test
  void queryfeed_users_map_like_the_hand_written_function() {
    EntityMapping expected =
        EntityMapping.builder()
            .table(USERS)
            .namespace("user")
            .identity(identity("user", "id", ValueType.LONG))
            .addAttributes(
                attribute("email", "user/email", ValueType.STRING)
                    .unique(Uniqueness.VALUE)
                    .nullPolicy(NullPolicy.required())
                    .build(),
                attribute("first_name", "user/first-name", ValueType.STRING)
                    .nullPolicy(NullPolicy.defaultTo(""))
                    .build(),
                attribute("last_name", "user/last-name", ValueType.STRING)
                    .nullPolicy(NullPolicy.defaultTo(""))
                    .build(),
                attribute("gender", "user/gender", ValueType.REF)
                    .enumMapping(
                        enumOf("user.gender", Queryfeed.GENDERS)
                            .fallback(EnumIdent.of("user.gender", "other"))
                            .build())
                    .nullPolicy(NullPolicy.omit())
                    .build(),
                attribute("source", "user/source", ValueType.REF)
                    .enumMapping(enumOf("user.source", Queryfeed.SOURCES).build())
                    .nullPolicy(NullPolicy.omit())
                    .build(),
                attribute("status", "user/status", ValueType.REF)
                    .enumMapping(enumOf("user.status", Queryfeed.USER_STATUS).build())
                    .nullPolicy(NullPolicy.required())
                    .build(),
                attribute("website", "user/website", ValueType.URI)
                    .converter(Converters.textToUri())
                    .nullPolicy(NullPolicy.omit())
                    .build(),
                attribute("external_id", "user/external-id", ValueType.UUID)
                    .converter(Converters.textToUuid())
                    .nullPolicy(NullPolicy.omit())
                    .build(),
                attribute("created_at", "user/created-at", ValueType.INSTANT)
                    .nullPolicy(NullPolicy.defaultNow())
                    .build(),
                attribute("bio", "user/bio", ValueType.STRING)
                    .nullPolicy(NullPolicy.defaultTo(""))
                    .build())
            .addSkippedColumns("password_hash")
            .build();

    assertThat(QUERYFEED.entity(USERS)).contains(expected);
  }

  @Test
  void queryfeed_posts_tags_orders_and_ipn_map_with_refs_enums_and_renames() {
    assertThat(QUERYFEED.entities())
        .extracting(EntityMapping::table)
        .containsExactly(USERS, POSTS, TAGS, ORDERS, IPN);
    assertThat(QUERYFEED.entity(POSTS))
        .contains(
            EntityMapping.builder()
                .table(POSTS)
                .namespace("post")
                .identity(identity("post", "id", ValueType.LONG))
                .addRefs(ref("user_id", USERS, "post/author", NullPolicy.required()))
                .addAttributes(
                    attribute("title", "post/title", ValueType.STRING)
                        .nullPolicy(NullPolicy.required())
                        .build(),
                    attribute("body", "post/body", ValueType.STRING)
                        .nullPolicy(NullPolicy.defaultTo(""))
                        .build(),
                    attribute("published_at", "post/published-at", ValueType.INSTANT)
                        .nullPolicy(NullPolicy.omit())
                        .build())
                .build());
    assertThat(QUERYFEED.entity(TAGS))
        .contains(
            EntityMapping.builder()
                .table(TAGS)
                .namespace("tag")
                .identity(identity("tag", "id", ValueType.LONG))
                .addAttributes(
                    attribute("name", "tag/name", ValueType.STRING)
                        .unique(Uniqueness.VALUE)
                        .nullPolicy(NullPolicy.required())
                        .build())
                .build());
    assertThat(QUERYFEED.entity(ORDERS))
        .contains(
            EntityMapping.builder()
                .table(ORDERS)
                .namespace("order")
                .identity(identity("order", "id", ValueType.LONG))
                .addRefs(ref("user_id", USERS, "order/user", NullPolicy.required()))
                .addAttributes(
                    attribute("state", "order/state", ValueType.REF)
                        .enumMapping(enumOf("order.state", Queryfeed.ORDER_STATE).build())
                        .nullPolicy(NullPolicy.required())
                        .build(),
                    attribute("total", "order/total", ValueType.BIGDEC)
                        .nullPolicy(NullPolicy.required())
                        .build(),
                    attribute("created_at", "order/created-at", ValueType.INSTANT)
                        .nullPolicy(NullPolicy.defaultNow())
                        .build())
                .build());
    assertThat(QUERYFEED.entity(IPN))
        .contains(
            EntityMapping.builder()
                .table(IPN)
                .namespace("ipn")
                .identity(identity("ipn", "id", ValueType.LONG))
                .addRefs(ref("order_id", ORDERS, "ipn/order", NullPolicy.omit()))
                .addAttributes(
                    attribute("payload", "ipn/payload", ValueType.STRING)
                        .nullPolicy(NullPolicy.required())
                        .build(),
                    attribute("received_at", "ipn/received-at", ValueType.INSTANT)
                        .nullPolicy(NullPolicy.required())
                        .build())
                .build());
  }

  @Test
  void collapses_post_tags_into_a_many_ref_on_posts() {
    assertThat(QUERYFEED.bridges())
        .containsExactly(
            BridgeMapping.builder()
                .table(POST_TAGS)
                .owner(POSTS)
                .ownerColumns(List.of("post_id"))
                .target(TAGS)
                .targetColumns(List.of("tag_id"))
                .attribute(Attribute.parse(":post/tags"))
                .build());
    assertThat(QUERYFEED.skippedTables()).isEmpty();
    assertThat(QUERYFEED.options()).isEqualTo(MappingOptions.builder().strictNulls(true).build());
  }

  @Test
  void the_queryfeed_mapping_fits_its_schema_and_gives_a_target_schema() {
    assertThat(Mappings.validate(QUERYFEED, Queryfeed.schema())).isEmpty();
    assertThat(QUERYFEED.targetSchema().enumIdents())
        .contains(
            EnumIdent.parse(":user.source/facebook"),
            EnumIdent.parse(":user.gender/male"),
            EnumIdent.parse(":order.state/cancelled"));
  }

  @Test
  void options_and_skips_reach_the_mapping() {
    Mapping mapping =
        Mappings.define(Queryfeed.schema())
            .entityByConvention("tags")
            .skipTable("post_tags", "orders")
            .skipOtherTables()
            .zone(ZoneId.of("Europe/Paris"))
            .allowNonFiniteNumbers()
            .build();

    assertThat(mapping.entities()).extracting(EntityMapping::table).containsExactly(TAGS);
    assertThat(mapping.skippedTables()).containsExactly(POST_TAGS, ORDERS, USERS, POSTS, IPN);
    assertThat(mapping.options().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(mapping.options().allowNonFiniteNumbers()).isTrue();
    assertThat(mapping.options().strictNulls()).isFalse();
  }

  @Test
  void an_identity_is_named_after_its_column_unless_named() {
    Mapping mapping =
        Mappings.define(Queryfeed.schema())
            .table("tags")
            .toEntity("tag")
            .identifiedBy("id")
            .column("name")
            .to("label")
            .table("posts")
            .toEntity("post")
            .identifiedBy("id")
            .as(Attribute.parse(":legacy/post-id"))
            .otherColumnsByConvention()
            .entityByConvention("users")
            .skipOtherTables()
            .build();

    assertThat(mapping.entity(TAGS).orElseThrow().identity().attribute())
        .isEqualTo(Attribute.parse(":tag/id"));
    assertThat(mapping.entity(POSTS).orElseThrow().identity().attribute())
        .isEqualTo(Attribute.parse(":legacy/post-id"));
    assertThat(mapping.entity(POSTS).orElseThrow().refs())
        .extracting(RefMapping::attribute)
        .containsExactly(Attribute.parse(":post/user"));
  }

  static IdentityMapping identity(String namespace, String column, ValueType type) {
    return IdentityMapping.builder()
        .attribute(Attribute.of(namespace, "pg-id"))
        .addColumns(column)
        .addValueTypes(type)
        .build();
  }

  static AttributeMapping.Builder attribute(String column, String attribute, ValueType type) {
    return AttributeMapping.builder()
        .column(column)
        .attribute(Attribute.parse(attribute))
        .valueType(type);
  }

  static EnumMapping.Builder enumOf(String namespace, List<String> labels) {
    EnumMapping.Builder mapping = EnumMapping.builder();
    labels.forEach(l -> mapping.putValues(l, EnumIdent.of(namespace, l)));
    return mapping;
  }

  static RefMapping ref(String column, TableName target, String attribute, NullPolicy policy) {
    return RefMapping.builder()
        .addColumns(column)
        .target(target)
        .addTargetColumns("id")
        .attribute(Attribute.parse(attribute))
        .nullPolicy(policy)
        .build();
  }
}
