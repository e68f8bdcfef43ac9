package io.datomize.mapping;

import static io.datomize.mapping.ConventionShapesTest.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.target.AttributeSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Comments become {@code :db/doc}, single-column indexes {@code :db/index true}. */
class SchemaExtrasTest {
  static final TableName USERS = TableName.parse("users");
  static final TableName POSTS = TableName.parse("posts");
  static final SourceSchema SCHEMA =
      SourceSchema.builder()
          .addTables(
              Table.builder()
                  .name(USERS)
                  .addColumns(
                      column("id", "int8", TypeFamily.INTEGER, false),
                      column("email", "text", TypeFamily.TEXT, false)
                          .with(Optional.of("login e-mail"), Optional.empty(), true),
                      column("city", "text", TypeFamily.TEXT, true)
                          .with(Optional.empty(), Optional.empty(), true),
                      column("bio", "text", TypeFamily.TEXT, true)
                          .with(Optional.of("about \"me\""), Optional.empty(), false))
                  .addPrimaryKey("id")
                  .addUniqueKeys(UniqueKey.of("users_email_key", List.of("email")))
                  .comment("People who sign in")
                  .build(),
              Table.builder()
                  .name(POSTS)
                  .addColumns(
                      column("id", "int8", TypeFamily.INTEGER, false)
                          .with(Optional.of("post number"), Optional.empty(), true),
                      column("user_id", "int8", TypeFamily.INTEGER, false)
                          .with(Optional.of("the author"), Optional.empty(), true))
                  .addPrimaryKey("id")
                  .addForeignKeys(
                      ForeignKey.of("posts_user_fk", List.of("user_id"), USERS, List.of("id")))
                  .build())
          .build();

  @Test
  void comments_become_docs_and_single_column_indexes_become_avet_indexes() {
    Mapping mapping = Mappings.conventions(SCHEMA).build();
    EntityMapping users = mapping.entity(USERS).orElseThrow();
    EntityMapping posts = mapping.entity(POSTS).orElseThrow();

    assertThat(users.identity().doc()).contains("People who sign in");
    assertThat(users.attributeFor("email").orElseThrow().schema().doc()).contains("login e-mail");
    assertThat(users.attributeFor("bio").orElseThrow().doc()).contains("about \"me\"");
    assertThat(users.attributeFor("city").orElseThrow().doc()).isEmpty();
    assertThat(posts.identity().doc())
        .as("a key column's comment when the table has none")
        .contains("post number");
    assertThat(posts.refs().get(0).doc()).contains("the author");

    assertThat(users.attributeFor("city").orElseThrow().index()).isTrue();
    assertThat(users.attributeFor("email").orElseThrow().index())
        .as("unique, so indexed by Datomic anyway")
        .isFalse();
    assertThat(users.attributeFor("bio").orElseThrow().index()).isFalse();
    assertThat(mapping.targetSchema().attributes())
        .filteredOn(AttributeSchema::index)
        .extracting(AttributeSchema::ident)
        .containsExactly(users.attributeFor("city").orElseThrow().attribute());
  }

  @Test
  void an_explicit_doc_wins_over_the_comment_and_an_index_can_be_asked_for() {
    Mapping mapping =
        Mappings.conventions(SCHEMA)
            .table("users")
            .toEntity("person")
            .identifiedBy("id")
            .column("bio")
            .to("bio")
            .doc("written by hand")
            .column("email")
            .to("email")
            .unique()
            .index()
            .build();
    EntityMapping users = mapping.entity(USERS).orElseThrow();

    assertThat(users.attributeFor("bio").orElseThrow().doc()).contains("written by hand");
    assertThat(users.attributeFor("email").orElseThrow().doc()).contains("login e-mail");
    assertThat(users.attributeFor("email").orElseThrow().index()).isTrue();
    assertThat(users.attributeFor("city").orElseThrow().index()).isTrue();
  }

  @Test
  void printed_source_leaves_out_the_docs_and_indexes_the_schema_implies() {
    String implied = Mappings.toJavaSource(Mappings.conventions(SCHEMA).build(), SCHEMA);
    assertThat(implied).doesNotContain(".doc(").doesNotContain(".index()");

    Mapping explicit =
        Mappings.conventions(SCHEMA)
            .table("users")
            .toEntity("person")
            .identifiedBy("id")
            .column("bio")
            .to("bio")
            .doc("written by hand")
            .index()
            .build();
    assertThat(Mappings.toJavaSource(explicit, SCHEMA))
        .contains(".column(\"bio\").to(\"bio\").index().doc(\"written by hand\")");
  }
}
