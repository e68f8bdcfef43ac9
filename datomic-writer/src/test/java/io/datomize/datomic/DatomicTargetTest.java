package io.datomize.datomic;

import static io.datomize.datomic.ShopSchema.AMOUNT;
import static io.datomize.datomic.ShopSchema.CUSTOMER_ID;
import static io.datomize.datomic.ShopSchema.EMAIL;
import static io.datomize.datomic.ShopSchema.FACEBOOK;
import static io.datomize.datomic.ShopSchema.JOINED;
import static io.datomize.datomic.ShopSchema.LINE_CUSTOMER;
import static io.datomize.datomic.ShopSchema.LINE_KEY;
import static io.datomize.datomic.ShopSchema.REFERRER;
import static io.datomize.datomic.ShopSchema.SOURCE;
import static io.datomize.datomic.ShopSchema.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datomic.Peer;
import io.datomize.datomic.internal.InstalledAttribute;
import io.datomize.datomic.internal.Keywords;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowKey;
import io.datomize.spi.SchemaConflictException;
import io.datomize.spi.SchemaInstallation;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Tuple;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatomicTargetTest {
  private static final Instant JOINED_AT = Instant.parse("2024-02-29T10:15:30.123Z");

  private static TxEntity customer(long id, Object... assertions) {
    TxEntity.Builder builder =
        TxEntity.builder(RowKey.of(id), LookupRef.of(CUSTOMER_ID, id), assertions.length / 2);
    for (int i = 0; i < assertions.length; i += 2) {
      builder.add((Attribute) assertions[i], assertions[i + 1]);
    }
    return builder.build();
  }

  private static TxBatch batch(long sequence, TxEntity... entities) {
    return TxBatch.builder()
        .runId("run")
        .stepId("step")
        .sequence(sequence)
        .lastKey(entities[entities.length - 1].sourceKey())
        .addEntities(entities)
        .build();
  }

  private static TargetSink shop(String purpose) {
    TargetSink sink = DatomicTarget.builder().uri(ShopSchema.freshUri(purpose)).build();
    sink.installSchema(ShopSchema.schema());
    return sink;
  }

  private static BatchRejectedException rejectionOf(CompletableFuture<?> receipt) {
    CompletionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, receipt::join);
    assertThat(failure.getCause()).isInstanceOf(BatchRejectedException.class);
    return (BatchRejectedException) failure.getCause();
  }

  @Test
  void writes_lookup_refs_tuple_identities_enum_idents_and_many_values_and_reads_them_back() {
    try (TargetSink sink = shop("values")) {
      sink.submit(
              batch(
                  0,
                  customer(
                      1,
                      EMAIL,
                      "ann@example.org",
                      SOURCE,
                      FACEBOOK,
                      TAGS,
                      Set.of("vip", "early"),
                      JOINED,
                      JOINED_AT)))
          .join();
      Tuple lineKey = Tuple.of(1L, "A-7");
      TxEntity line =
          TxEntity.builder(RowKey.of(1L, "A-7"), LookupRef.of(LINE_KEY, lineKey), 2)
              .add(LINE_CUSTOMER, LookupRef.of(CUSTOMER_ID, 1L))
              .add(AMOUNT, new BigDecimal("12.50"))
              .build();
      sink.submit(batch(1, line)).join();

      PullSpec customers = PullSpec.builder().addAttributes(EMAIL, SOURCE, TAGS, JOINED).build();
      PullSpec lines =
          PullSpec.builder()
              .addAttributes(LINE_KEY, LINE_CUSTOMER, AMOUNT)
              .putRefIdentities(LINE_CUSTOMER, CUSTOMER_ID)
              .build();

      assertThat(sink.pull(customers, List.of(LookupRef.of(CUSTOMER_ID, 1L))))
          .containsExactly(
              Optional.of(
                  Map.of(
                      EMAIL,
                      "ann@example.org",
                      SOURCE,
                      FACEBOOK,
                      TAGS,
                      Set.of("vip", "early"),
                      JOINED,
                      JOINED_AT)));
      assertThat(sink.pull(lines, List.of(LookupRef.of(LINE_KEY, lineKey))))
          .containsExactly(
              Optional.of(
                  Map.of(
                      LINE_KEY,
                      lineKey,
                      LINE_CUSTOMER,
                      LookupRef.of(CUSTOMER_ID, 1L),
                      AMOUNT,
                      new BigDecimal("12.50"))));
      assertThat(sink.countEntities(LINE_KEY)).isEqualTo(1);
      assertThat(sink.countValues(TAGS)).isEqualTo(2);
    }
  }

  @Test
  void keywords_with_letters_outside_ascii_install_write_and_read_back() {
    Attribute id = Attribute.parse(":straße/id");
    Attribute firstName = Attribute.parse(":straße/prénom");
    Attribute state = Attribute.parse(":straße/état");
    EnumIdent high = EnumIdent.parse(":straße.état/élevé");
    try (TargetSink sink = DatomicTarget.builder().uri(ShopSchema.freshUri("unicode")).build()) {
      sink.installSchema(
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(id)
                      .valueType(ValueType.LONG)
                      .unique(Uniqueness.IDENTITY)
                      .build(),
                  AttributeSchema.builder().ident(firstName).valueType(ValueType.STRING).build(),
                  AttributeSchema.builder().ident(state).valueType(ValueType.REF).build())
              .addEnumIdents(high)
              .build());
      sink.submit(
              batch(
                  0,
                  TxEntity.builder(RowKey.of(1L), LookupRef.of(id, 1L), 2)
                      .add(firstName, "Zoë")
                      .add(state, high)
                      .build()))
          .join();

      assertThat(
              sink.pull(
                  PullSpec.builder().addAttributes(firstName, state).build(),
                  List.of(LookupRef.of(id, 1L))))
          .containsExactly(Optional.of(Map.of(firstName, "Zoë", state, high)));
      assertThat(sink.countEntities(id)).isEqualTo(1);
    }
  }

  @Test
  void a_ref_to_an_entity_of_the_same_batch_resolves_although_that_entity_is_new() {
    try (TargetSink sink = shop("same-batch")) {
      sink.submit(batch(0, customer(2, REFERRER, LookupRef.of(CUSTOMER_ID, 1L)), customer(1)))
          .join();

      PullSpec spec =
          PullSpec.builder()
              .addAttributes(REFERRER)
              .putRefIdentities(REFERRER, CUSTOMER_ID)
              .build();
      assertThat(sink.pull(spec, List.of(LookupRef.of(CUSTOMER_ID, 2L))))
          .containsExactly(Optional.of(Map.of(REFERRER, LookupRef.of(CUSTOMER_ID, 1L))));
    }
  }

  @Test
  void a_lookup_ref_that_resolves_to_nothing_names_the_offending_source_row() {
    try (TargetSink sink = shop("dangling")) {
      BatchRejectedException rejection =
          rejectionOf(
              sink.submit(
                  batch(0, customer(1), customer(7, REFERRER, LookupRef.of(CUSTOMER_ID, 99L)))));

      assertThat(rejection.isRetryable()).isFalse();
      assertThat(rejection.getMessage())
          .contains(
              "batch 0 of step",
              "Unable to resolve entity: [:customer/id, 99]",
              ":db.error/not-an-entity",
              "offending source row with key 7");
    }
  }

  @Test
  void a_value_of_the_wrong_type_is_rejected_with_datomics_reason_and_not_retried() {
    try (TargetSink sink = shop("wrong-type")) {
      BatchRejectedException rejection =
          rejectionOf(sink.submit(batch(0, customer(1, EMAIL, 42L))));

      assertThat(rejection.isRetryable()).isFalse();
      assertThat(rejection.getMessage())
          .contains(
              "Value 42 is not a valid :string for attribute :customer/email",
              ":db.error/wrong-type-for-attribute",
              ":cognitect.anomalies/incorrect");
    }
  }

  @Test
  void two_values_for_one_cardinality_one_attribute_name_the_entity_that_asserts_them() {
    TxEntity twice =
        TxEntity.builder(RowKey.of(5L), LookupRef.of(CUSTOMER_ID, 5L), 2)
            .add(EMAIL, "a@example.org")
            .add(EMAIL, "b@example.org")
            .build();
    try (TargetSink sink = shop("conflict")) {
      BatchRejectedException rejection = rejectionOf(sink.submit(batch(0, customer(4), twice)));

      assertThat(rejection.getMessage())
          .contains(":db.error/datoms-conflict", "offending source row with key 5");
    }
  }

  @Test
  void a_conflicting_schema_lists_type_cardinality_uniqueness_and_tuple_type_differences() {
    try (TargetSink sink = shop("conflicts")) {
      TargetSchema conflicting =
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(EMAIL)
                      .valueType(ValueType.UUID)
                      .unique(Uniqueness.VALUE)
                      .build(),
                  AttributeSchema.builder().ident(TAGS).valueType(ValueType.STRING).build(),
                  AttributeSchema.builder().ident(CUSTOMER_ID).valueType(ValueType.LONG).build(),
                  AttributeSchema.builder()
                      .ident(LINE_KEY)
                      .valueType(ValueType.TUPLE)
                      .unique(Uniqueness.IDENTITY)
                      .addTupleTypes(ValueType.STRING, ValueType.STRING)
                      .build())
              .addEnumIdents(EnumIdent.of("customer", "email"))
              .build();

      assertThatThrownBy(() -> sink.installSchema(conflicting))
          .isInstanceOfSatisfying(
              SchemaConflictException.class,
              e ->
                  assertThat(e.conflicts())
                      .containsExactly(
                          ":customer/email has value type :db.type/string in the target, the mapping wants value type"
                              + " :db.type/uuid (rename the attribute in the mapping, or migrate into a database without it)",
                          ":customer/id has :db.unique/identity in the target, the mapping wants no uniqueness (rename the"
                              + " attribute in the mapping, or migrate into a database without it)",
                          ":customer/tags has :db.cardinality/many in the target, the mapping wants :db.cardinality/one"
                              + " (rename the attribute in the mapping, or migrate into a database without it)",
                          ":order-line/key has tuple types [:db.type/long :db.type/string] in the target, the mapping wants"
                              + " tuple types [:db.type/string :db.type/string] (rename the attribute in the mapping, or migrate"
                              + " into a database without it)",
                          ":customer/email is an attribute in the target, the mapping wants it as an enum ident (rename the enum"
                              + " value in the mapping)"));
    }
  }

  @Test
  void an_existing_attribute_differing_only_in_doc_or_history_is_altered() {
    try (TargetSink sink = shop("alter")) {
      TargetSchema changed =
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(JOINED)
                      .valueType(ValueType.INSTANT)
                      .doc("When they joined")
                      .build())
              .build();

      SchemaInstallation installation = sink.installSchema(changed);

      assertThat(installation.installed()).containsExactly(JOINED);
      assertThat(sink.installSchema(changed).alreadyPresent()).contains(JOINED);
    }
  }

  @Test
  void an_index_is_installed_and_switched_on_or_off_on_an_existing_attribute() {
    String uri = ShopSchema.freshUri("index");
    try (TargetSink sink = DatomicTarget.builder().uri(uri).build()) {
      sink.installSchema(ShopSchema.schema());
      assertThat(indexed(uri, AMOUNT)).isTrue();

      TargetSchema unindexed =
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder().ident(AMOUNT).valueType(ValueType.BIGDEC).build(),
                  AttributeSchema.builder()
                      .ident(JOINED)
                      .valueType(ValueType.INSTANT)
                      .noHistory(true)
                      .index(true)
                      .build())
              .build();

      assertThat(sink.installSchema(unindexed).installed())
          .containsExactlyInAnyOrder(AMOUNT, JOINED);
      assertThat(indexed(uri, AMOUNT)).isFalse();
      assertThat(indexed(uri, JOINED)).isTrue();
      assertThat(sink.installSchema(unindexed).alreadyPresent()).contains(AMOUNT, JOINED);
    }
  }

  @Test
  void a_bulk_load_indexes_after_the_load_but_keeps_an_index_the_target_had() {
    String fresh = ShopSchema.freshUri("bulk-index");
    try (TargetSink sink = DatomicTarget.builder().uri(fresh).build()) {
      assertThat(sink.beginBulkLoad(ShopSchema.schema())).isTrue();
      assertThat(indexed(fresh, AMOUNT)).as("during the load").isFalse();

      assertThat(sink.finishBulkLoad(ShopSchema.schema())).isEmpty();
      assertThat(indexed(fresh, AMOUNT)).as("after the load").isTrue();
    }
    String indexedAlready = ShopSchema.freshUri("bulk-indexed-already");
    try (TargetSink sink = DatomicTarget.builder().uri(indexedAlready).build()) {
      AttributeSchema amount =
          ShopSchema.schema().attributes().stream()
              .filter(a -> a.ident().equals(AMOUNT))
              .findFirst()
              .orElseThrow();
      sink.installSchema(TargetSchema.builder().addAttributes(amount).build());

      assertThat(sink.beginBulkLoad(ShopSchema.schema())).isTrue();
      assertThat(indexed(indexedAlready, AMOUNT)).isTrue();
    }
  }

  private static boolean indexed(String uri, Attribute attribute) {
    return InstalledAttribute.read(Peer.connect(uri).db(), Keywords.of(attribute))
        .orElseThrow()
        .index();
  }

  @Test
  void refs_resolve_and_read_back_through_unique_value_attributes_and_tuples() {
    Attribute iso2 = Attribute.of("country", "iso2");
    Attribute codeRegion = Attribute.of("country", "code3+region");
    Attribute byIso2 = Attribute.of("city", "country");
    Attribute byCode = Attribute.of("city", "country-code");
    Attribute cityId = Attribute.of("city", "id");
    try (TargetSink sink = shop("unique-refs")) {
      sink.installSchema(
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(iso2)
                      .valueType(ValueType.STRING)
                      .unique(Uniqueness.VALUE)
                      .build(),
                  AttributeSchema.builder()
                      .ident(codeRegion)
                      .valueType(ValueType.TUPLE)
                      .unique(Uniqueness.VALUE)
                      .addTupleTypes(ValueType.STRING, ValueType.LONG)
                      .build(),
                  AttributeSchema.builder()
                      .ident(cityId)
                      .valueType(ValueType.LONG)
                      .unique(Uniqueness.IDENTITY)
                      .build(),
                  AttributeSchema.builder().ident(byIso2).valueType(ValueType.REF).build(),
                  AttributeSchema.builder().ident(byCode).valueType(ValueType.REF).build())
              .build());
      TxBatch countries =
          batch(
              0, customer(1, iso2, "DE", codeRegion, Tuple.of("DEU", 1L)), customer(2, iso2, "FR"));
      sink.submit(countries).join();
      sink.submit(countries).join();
      TxEntity city =
          TxEntity.builder(RowKey.of(7L), LookupRef.of(cityId, 7L), 2)
              .add(byIso2, LookupRef.of(iso2, "FR"))
              .add(byCode, LookupRef.of(codeRegion, Tuple.of("DEU", 1L)))
              .build();
      sink.submit(batch(1, city)).join();

      PullSpec spec =
          PullSpec.builder()
              .addAttributes(byIso2, byCode)
              .putRefIdentities(byIso2, iso2)
              .putRefIdentities(byCode, codeRegion)
              .build();
      assertThat(sink.pull(spec, List.of(LookupRef.of(cityId, 7L))))
          .containsExactly(
              Optional.of(
                  Map.of(
                      byIso2,
                      LookupRef.of(iso2, "FR"),
                      byCode,
                      LookupRef.of(codeRegion, Tuple.of("DEU", 1L)))));
      assertThat(sink.countEntities(CUSTOMER_ID)).isEqualTo(2);
      assertThat(sink.countValues(codeRegion)).isEqualTo(1);
    }
  }

  @Test
  void a_dry_run_reads_its_own_writes_and_never_writes_the_database() {
    String uri = ShopSchema.freshUri("dry-run");
    try (TargetSink dry = DatomicTarget.builder().uri(uri).dryRun(true).build()) {
      dry.installSchema(ShopSchema.schema());
      dry.submit(batch(0, customer(1), customer(2))).join();
      dry.submit(batch(1, customer(3, REFERRER, LookupRef.of(CUSTOMER_ID, 1L)))).join();

      assertThat(dry.countEntities(CUSTOMER_ID)).isEqualTo(3);
      assertThat(dry.committedBatches("run", "step")).hasSize(2);
      assertThat(rejectionOf(dry.submit(batch(2, customer(4, EMAIL, 42L)))).getMessage())
          .contains(":db.error/wrong-type-for-attribute");
    }
    assertThat(Peer.connect(uri).db().attribute(Keywords.of(CUSTOMER_ID))).isNull();
  }

  @Test
  void credentials_in_the_uri_never_show_in_descriptions() {
    String uri = ShopSchema.freshUri("masked") + "?user=admin&password=hunter2";
    DatomicTarget.Builder builder = DatomicTarget.builder().uri(uri);
    try (TargetSink sink = builder.build()) {
      assertThat(sink.toString())
          .contains("datomic:mem://masked-", "password=***")
          .doesNotContain("hunter2", "admin");
      assertThat(builder.toString()).doesNotContain("hunter2", "admin");
    }
  }

  @Test
  void settings_that_do_not_fit_are_refused_with_the_reason() {
    assertThatThrownBy(() -> DatomicTarget.builder().build())
        .hasMessageContaining("uri(..) or a connection(..)");
    assertThatThrownBy(
            () ->
                DatomicTarget.builder()
                    .uri("datomic:mem://x")
                    .transactionTimeout(Duration.ZERO)
                    .build())
        .hasMessageContaining("transactionTimeout must be positive");
    assertThatThrownBy(() -> RetryPolicy.of(-1, Duration.ZERO))
        .hasMessageContaining("zero or more");
  }

  @Test
  void counting_an_attribute_the_target_does_not_have_says_so() {
    try (TargetSink sink = shop("unknown")) {
      assertThatThrownBy(() -> sink.countValues(Attribute.of("nobody", "here")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(":nobody/here is not an attribute");
    }
  }

  @Test
  void the_retry_wait_doubles_up_to_thirty_seconds() {
    RetryPolicy policy = RetryPolicy.of(12, Duration.ofMillis(100));

    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(12)))
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofSeconds(30));
  }

  @Test
  void many_ref_values_are_read_back_as_a_set_of_lookup_refs() {
    Attribute friends = Attribute.of("customer", "friends");
    try (TargetSink sink = shop("many-refs")) {
      sink.installSchema(
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder()
                      .ident(friends)
                      .valueType(ValueType.REF)
                      .cardinality(Cardinality.MANY)
                      .build())
              .build());
      sink.submit(
              batch(
                  0,
                  customer(1),
                  customer(2),
                  customer(
                      3,
                      friends,
                      List.of(LookupRef.of(CUSTOMER_ID, 1L), LookupRef.of(CUSTOMER_ID, 2L)))))
          .join();

      PullSpec spec =
          PullSpec.builder().addAttributes(friends).putRefIdentities(friends, CUSTOMER_ID).build();
      assertThat(sink.pull(spec, List.of(LookupRef.of(CUSTOMER_ID, 3L))))
          .containsExactly(
              Optional.of(
                  Map.of(
                      friends,
                      Set.of(LookupRef.of(CUSTOMER_ID, 1L), LookupRef.of(CUSTOMER_ID, 2L)))));
      assertThat(sink.countValues(friends)).isEqualTo(2);
      assertThat(
              sink.pull(
                  PullSpec.builder().addAttributes(SOURCE).build(),
                  List.of(LookupRef.of(CUSTOMER_ID, 3L))))
          .containsExactly(Optional.of(Map.of()));
    }
  }
}
