package io.datomize.mapping;

import static io.datomize.mapping.ConventionShapesTest.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.catalog.UniqueKey;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverter;
import io.datomize.internal.convert.RowConverters;
import io.datomize.internal.engine.Checkpoints;
import io.datomize.model.AttributeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.plan.Planner;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.ContentKey;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import io.datomize.target.ValueType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tables with neither a primary key nor a unique key that can identify a row: identified by their
 * content.
 */
class KeylessTablesTest {
  static final TableName EVENTS = TableName.parse("events");

  /** A log: no primary key, and its only unique key has a nullable column. */
  static final Table EVENTS_TABLE =
      Table.builder()
          .name(EVENTS)
          .addColumns(
              column("kind", "text", TypeFamily.TEXT, false),
              column("at", "timestamptz", TypeFamily.TIMESTAMPTZ, true),
              column("ref", "text", TypeFamily.TEXT, true))
          .addUniqueKeys(UniqueKey.of("events_ref_key", List.of("ref")))
          .build();

  static final SourceSchema SCHEMA = SourceSchema.builder().addTables(EVENTS_TABLE).build();
  static final Attribute CONTENT_IDENTITY =
      Attribute.of(Conventions.namespace(EVENTS), ConventionMapper.CONTENT_IDENTITY);

  @Test
  void conventions_identify_a_keyless_table_by_its_content_and_map_every_column() {
    EntityMapping events = Mappings.conventions(SCHEMA).build().entity(EVENTS).orElseThrow();

    assertThat(events.identity().columns()).isEqualTo(ContentKey.COLUMNS);
    assertThat(events.identity().valueTypes()).isEqualTo(ContentKey.VALUE_TYPES);
    assertThat(events.identity().attribute()).isEqualTo(CONTENT_IDENTITY);
    assertThat(events.identity().schema().tupleTypes())
        .containsExactly(ValueType.STRING, ValueType.LONG);
    assertThat(events.attributes())
        .extracting(AttributeMapping::column)
        .containsExactly("kind", "at", "ref");
    assertThat(events.skippedColumns()).isEmpty();
  }

  @Test
  void the_plan_reads_by_the_content_key_and_says_how_rows_are_identified() {
    Plan plan = Planner.plan(SCHEMA, Mappings.conventions(SCHEMA).build());
    LoadStep load = plan.steps(LoadStep.class).get(0);

    assertThat(load.keyColumns()).isEqualTo(ContentKey.COLUMNS);
    assertThat(load.columns())
        .startsWith(ContentKey.HASH, ContentKey.OCCURRENCE)
        .contains("kind", "at", "ref");
    assertThat(plan.warnings())
        .contains(
            "public.events has no primary key and no unique key of not-null columns: "
                + "each row is identified by its content ("
                + CONTENT_IDENTITY
                + ", a hash of the row's values and its "
                + "occurrence among equal rows), so duplicate rows stay separate entities and verification compares the rows "
                + "as a multiset");
    assertThat(plan.explain())
        .contains(
            "load public.events: key (content: hash of the row's values, occurrence "
                + "among equal rows)");
  }

  @Test
  void equal_rows_become_separate_entities_keyed_by_hash_and_occurrence() {
    Plan plan = Planner.plan(SCHEMA, Mappings.conventions(SCHEMA).build());
    RowConverter converter =
        RowConverters.forStep(
            plan,
            plan.steps(LoadStep.class).get(0),
            new ConversionContext(Instant.EPOCH, ZoneOffset.UTC));
    RowShape shape =
        RowShape.of(
            EVENTS,
            List.of("kind", "at", "ref", ContentKey.HASH, ContentKey.OCCURRENCE),
            ContentKey.COLUMNS);

    TxEntity first =
        converter
            .convert(SourceRow.of(shape, new Object[] {"login", null, null, "ab12", 1L}))
            .entity();
    TxEntity second =
        converter
            .convert(SourceRow.of(shape, new Object[] {"login", null, null, "ab12", 2L}))
            .entity();

    assertThat(first.identity()).isEqualTo(LookupRef.of(CONTENT_IDENTITY, Tuple.of("ab12", 1L)));
    assertThat(second.identity()).isEqualTo(LookupRef.of(CONTENT_IDENTITY, Tuple.of("ab12", 2L)));
    assertThat(second.sourceKey()).isEqualTo(RowKey.of("ab12", 2L));
    assertThat(RowKey.decode(second.sourceKey().encode())).isEqualTo(second.sourceKey());
  }

  @Test
  void checkpoints_follow_content_keys() {
    RowKey a = RowKey.of("0a", 1L);
    RowKey b = RowKey.of("0a", 2L);
    RowKey c = RowKey.of("ff", 1L);

    assertThat(
            Checkpoints.resumeAfter(
                List.of(
                    CommittedBatch.of(0, Optional.empty(), a),
                    CommittedBatch.of(1, Optional.of(a), b),
                    CommittedBatch.of(3, Optional.of(c), RowKey.of("ff", 9L)))))
        .contains(b);
  }

  @Test
  void a_mapping_can_ask_for_content_identity_and_prints_it() {
    Mapping mapping =
        Mappings.define(SCHEMA)
            .table("events")
            .toEntity("event")
            .identifiedByContent()
            .otherColumnsByConvention()
            .build();

    assertThat(mapping.entity(EVENTS).orElseThrow().identity().attribute())
        .isEqualTo(Attribute.of("event", ConventionMapper.CONTENT_IDENTITY));
    assertThat(Mappings.toJavaSource(mapping, SCHEMA))
        .contains(".table(\"events\").toEntity(\"event\").identifiedByContent()\n");
    assertThat(
            Mappings.define(SCHEMA)
                .table("events")
                .toEntity("event")
                .identifiedByContent()
                .as("row-key")
                .otherColumnsByConvention()
                .build()
                .entity(EVENTS)
                .orElseThrow()
                .identity()
                .attribute())
        .isEqualTo(Attribute.of("event", "row-key"));
  }

  @Test
  void a_table_with_a_column_named_like_the_content_key_cannot_be_identified_by_content() {
    SourceSchema schema =
        SourceSchema.builder()
            .addTables(
                Table.builder()
                    .name(EVENTS)
                    .addColumns(column(ContentKey.HASH, "text", TypeFamily.TEXT, true))
                    .build())
            .build();

    assertThatThrownBy(() -> Mappings.conventions(schema).build())
        .isInstanceOf(MappingValidationException.class)
        .hasMessageContaining(
            "public.events column "
                + ContentKey.HASH
                + ": the table cannot be identified by its "
                + "content")
        .hasMessageContaining(".table(\"events\").toEntity(..).identifiedBy(..)");
  }
}
