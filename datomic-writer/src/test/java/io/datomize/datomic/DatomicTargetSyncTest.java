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

import io.datomize.spi.BatchReceipt;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RowKey;
import io.datomize.spi.RunRecord;
import io.datomize.spi.SyncMarks;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.Tuple;
import io.datomize.target.Uniqueness;
import io.datomize.target.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a sync needs of the target: retractions, identity streams and run records. */
class DatomicTargetSyncTest {
  private static final Instant JOINED_AT = Instant.parse("2024-02-29T10:15:30.123Z");
  private static final Attribute POSITION = Attribute.of("customer", "position");
  private static final PullSpec CUSTOMERS =
      PullSpec.builder()
          .addAttributes(EMAIL, SOURCE, TAGS, JOINED, REFERRER, POSITION, SyncMarks.DELETED_AT)
          .putRefIdentities(REFERRER, CUSTOMER_ID)
          .build();
  private static final PullSpec LINES =
      PullSpec.builder()
          .addAttributes(LINE_CUSTOMER, AMOUNT)
          .putRefIdentities(LINE_CUSTOMER, CUSTOMER_ID)
          .build();

  private static TargetSink shop(String purpose) {
    return shopAt(ShopSchema.freshUri(purpose));
  }

  private static TargetSink shopAt(String uri) {
    TargetSink sink = DatomicTarget.builder().uri(uri).build();
    sink.installSchema(
        TargetSchema.builder()
            .from(ShopSchema.schema())
            .addAttributes(
                AttributeSchema.builder()
                    .ident(POSITION)
                    .valueType(ValueType.TUPLE)
                    .addTupleTypes(ValueType.LONG, ValueType.LONG)
                    .build())
            .build());
    return sink;
  }

  private static LookupRef customerRef(long id) {
    return LookupRef.of(CUSTOMER_ID, id);
  }

  private static TxEntity.Builder customer(long id) {
    return TxEntity.builder(RowKey.of(id), customerRef(id), 4);
  }

  private static TxEntity line(long number, long customer) {
    return TxEntity.builder(
            RowKey.of(number, "L"), LookupRef.of(LINE_KEY, Tuple.of(number, "L")), 2)
        .add(LINE_CUSTOMER, customerRef(customer))
        .add(AMOUNT, new BigDecimal("1.50"))
        .build();
  }

  private static BatchReceipt transact(TargetSink sink, long sequence, TxEntity... entities) {
    return sink.submit(
            TxBatch.builder()
                .runId("run")
                .stepId("step")
                .sequence(sequence)
                .lastKey(entities[entities.length - 1].sourceKey())
                .addEntities(entities)
                .build())
        .join();
  }

  private static Map<Attribute, Object> pulled(TargetSink sink, PullSpec spec, LookupRef entity) {
    return sink.pull(spec, List.of(entity)).get(0).orElseThrow();
  }

  private static void loadAnnAndBob(TargetSink sink) {
    transact(
        sink,
        0,
        customer(2).add(EMAIL, "bob@example.org").build(),
        customer(1)
            .add(EMAIL, "ann@example.org")
            .add(SOURCE, FACEBOOK)
            .add(TAGS, Set.of("vip", "early", "gold"))
            .add(JOINED, JOINED_AT)
            .add(REFERRER, customerRef(2))
            .add(POSITION, Tuple.of(3L, 4L))
            .build());
  }

  @Test
  void retracts_scalar_many_ref_enum_instant_and_tuple_values_beside_assertions_and_counts_both() {
    try (TargetSink sink = shop("retract-values")) {
      loadAnnAndBob(sink);

      BatchReceipt receipt =
          transact(
              sink,
              1,
              customer(1)
                  .add(TAGS, Set.of("new"))
                  .retract(EMAIL, "ann@example.org")
                  .retract(SOURCE, FACEBOOK)
                  .retract(TAGS, Set.of("vip", "early"))
                  .retract(JOINED, JOINED_AT)
                  .retract(REFERRER, customerRef(2))
                  .retract(POSITION, Tuple.of(3L, 4L))
                  .build(),
              customer(2).retract(EMAIL, "bob@example.org").build());

      assertThat(pulled(sink, CUSTOMERS, customerRef(1)))
          .isEqualTo(Map.of(TAGS, Set.of("gold", "new")));
      assertThat(sink.pull(CUSTOMERS, List.of(customerRef(2))))
          .as("bob keeps his identity: an entity that only loses values exists already")
          .containsExactly(Optional.of(Map.of()));
      assertThat(sink.countEntities(CUSTOMER_ID)).isEqualTo(2);
      assertThat(receipt.datoms()).as("the new tag; both identities were there").isEqualTo(1);
      assertThat(receipt.retracted()).isEqualTo(8);
    }
  }

  @Test
  void retractions_of_what_is_not_there_are_harmless_and_assert_nothing() {
    try (TargetSink sink = shop("retract-absent")) {
      loadAnnAndBob(sink);

      BatchReceipt receipt =
          transact(
              sink,
              1,
              customer(1).retract(EMAIL, "someone-else@example.org").build(),
              customer(1).retract(REFERRER, customerRef(99)).build(),
              customer(42).retract(EMAIL, "nobody@example.org").build(),
              TxEntity.retraction(RowKey.of(43L), customerRef(43)));

      assertThat(receipt.datoms()).isZero();
      assertThat(receipt.retracted()).isZero();
      assertThat(sink.countEntities(CUSTOMER_ID))
          .as("no entity made for the absent customers 42 and 43")
          .isEqualTo(2);
      assertThat(pulled(sink, CUSTOMERS, customerRef(1))).containsEntry(EMAIL, "ann@example.org");
    }
  }

  @Test
  void an_entity_retraction_also_retracts_every_ref_to_it_and_is_harmless_when_sent_again() {
    try (TargetSink sink = shop("retract-entity")) {
      loadAnnAndBob(sink);
      transact(sink, 1, line(1, 2), line(2, 1));
      TxEntity bobGone = TxEntity.retraction(RowKey.of(2L), customerRef(2));

      BatchReceipt receipt = transact(sink, 2, bobGone, customer(3).add(EMAIL, "cy@x.org").build());

      assertThat(sink.pull(CUSTOMERS, List.of(customerRef(2)))).containsExactly(Optional.empty());
      assertThat(pulled(sink, CUSTOMERS, customerRef(1))).doesNotContainKey(REFERRER);
      assertThat(pulled(sink, LINES, LookupRef.of(LINE_KEY, Tuple.of(1L, "L"))))
          .isEqualTo(Map.of(AMOUNT, new BigDecimal("1.50")));
      assertThat(pulled(sink, LINES, LookupRef.of(LINE_KEY, Tuple.of(2L, "L"))))
          .containsEntry(LINE_CUSTOMER, customerRef(1));
      assertThat(receipt.retracted())
          .as("bob's identity and e-mail, ann's referrer and line 1's customer")
          .isEqualTo(4);
      assertThat(receipt.datoms()).as("customer 3's identity and e-mail").isEqualTo(2);
      assertThat(sink.countEntities(CUSTOMER_ID)).isEqualTo(2);

      BatchReceipt again = transact(sink, 2, bobGone);
      assertThat(again.retracted()).isZero();
    }
  }

  @Test
  void the_deleted_mark_is_installed_with_the_writers_attributes_and_can_be_asserted() {
    try (TargetSink sink = shop("deleted-mark")) {
      loadAnnAndBob(sink);
      Instant syncStart = Instant.parse("2026-01-02T03:04:05.678Z");

      transact(sink, 1, customer(2).add(SyncMarks.DELETED_AT, syncStart).build());

      assertThat(pulled(sink, CUSTOMERS, customerRef(2)))
          .containsEntry(SyncMarks.DELETED_AT, syncStart);
    }
  }

  @Test
  void identity_values_come_back_in_core_form_for_each_kind_of_identity() {
    Attribute longs = Attribute.of("k", "long");
    Attribute strings = Attribute.of("k", "string");
    Attribute uuids = Attribute.of("k", "uuid");
    Attribute instants = Attribute.of("k", "instant");
    Attribute decimals = Attribute.of("k", "decimal");
    Attribute tuples = Attribute.of("k", "tuple");
    Map<Attribute, List<Object>> values =
        Map.of(
            longs, List.of(-5L, 7L, 300L),
            strings, List.of("a", "b:c", "é"),
            uuids, List.of(UUID.randomUUID(), UUID.randomUUID()),
            instants, List.of(Instant.parse("1999-12-31T23:59:59.999Z"), JOINED_AT),
            decimals, List.of(new BigDecimal("1.50"), new BigDecimal("-2")),
            tuples, List.of(Tuple.of(1L, "x"), Tuple.of(1L, "y"), Tuple.of(2L, "a")));
    Map<Attribute, ValueType> types =
        Map.of(
            longs, ValueType.LONG,
            strings, ValueType.STRING,
            uuids, ValueType.UUID,
            instants, ValueType.INSTANT,
            decimals, ValueType.BIGDEC,
            tuples, ValueType.TUPLE);
    TargetSchema.Builder schema = TargetSchema.builder();
    types.forEach(
        (attribute, type) -> {
          AttributeSchema.Builder identity =
              AttributeSchema.builder()
                  .ident(attribute)
                  .valueType(type)
                  .unique(Uniqueness.IDENTITY);
          if (type == ValueType.TUPLE) {
            identity.addTupleTypes(ValueType.LONG, ValueType.STRING);
          }
          schema.addAttributes(identity.build());
        });
    try (TargetSink sink = DatomicTarget.builder().uri(ShopSchema.freshUri("identities")).build()) {
      sink.installSchema(schema.build());
      long sequence = 0;
      for (Map.Entry<Attribute, List<Object>> entry : values.entrySet()) {
        List<TxEntity> entities = new ArrayList<>();
        for (Object value : entry.getValue()) {
          entities.add(
              TxEntity.builder(RowKey.of(1L), LookupRef.of(entry.getKey(), value), 0).build());
        }
        transact(sink, sequence++, entities.toArray(TxEntity[]::new));
      }

      for (Map.Entry<Attribute, List<Object>> entry : values.entrySet()) {
        try (Stream<Object> identities = sink.identityValues(entry.getKey())) {
          assertThat(identities.toList())
              .as("%s", entry.getKey())
              .containsExactlyInAnyOrderElementsOf(entry.getValue());
        }
      }
      assertThat(sink.identityValues(longs)).as("sorted by value").containsExactly(-5L, 7L, 300L);
      assertThat(sink.identityValues(Attribute.of("k", "not-installed"))).isEmpty();
    }
  }

  @Test
  void identity_values_of_a_large_attribute_stream_in_order_from_the_database_value_of_the_call() {
    int count = 50_000;
    try (TargetSink sink = shop("many-identities")) {
      for (int batch = 0; batch < count / 5_000; batch++) {
        TxEntity[] entities = new TxEntity[5_000];
        for (int i = 0; i < entities.length; i++) {
          entities[i] = customer(batch * 5_000L + i).build();
        }
        transact(sink, batch, entities);
      }

      try (Stream<Object> identities = sink.identityValues(CUSTOMER_ID)) {
        Iterator<Object> values = identities.iterator();
        assertThat(values.next()).isEqualTo(0L);
        transact(sink, 100, customer(count).build(), customer(-1).build());
        long seen = 1;
        long previous = 0;
        while (values.hasNext()) {
          long value = (Long) values.next();
          assertThat(value).isEqualTo(previous + 1);
          previous = value;
          seen++;
        }
        assertThat(seen)
            .as("the customers of the database value when the stream began, not those after")
            .isEqualTo(count);
      }
      try (Stream<Object> identities = sink.identityValues(CUSTOMER_ID)) {
        assertThat(identities.count()).isEqualTo(count + 2L);
      }
    }
  }

  private static RunRecord run(String id, RunRecord.Kind kind, String finished) {
    return RunRecord.builder().runId(id).kind(kind).finished(Instant.parse(finished)).build();
  }

  @Test
  void run_records_round_trip_replace_their_watermarks_and_come_oldest_first() {
    try (TargetSink sink = shop("runs")) {
      RunRecord load =
          RunRecord.builder()
              .from(run("load-1", RunRecord.Kind.LOAD, "2026-01-01T10:00:00.123Z"))
              .putWatermarks("public.users", RowKey.of(Instant.parse("2026-01-01T09:59:59Z")))
              .putWatermarks("public.orders", RowKey.of(1234L))
              .putWatermarks("weird:schema.t4:x", RowKey.of("S3:abc"))
              .build();
      RunRecord sync = run("sync-2", RunRecord.Kind.SYNC, "2026-01-03T10:00:00Z");
      RunRecord earlierSync = run("sync-1", RunRecord.Kind.SYNC, "2026-01-02T10:00:00Z");

      sink.recordRun(load);
      sink.recordRun(sync);
      sink.recordRun(earlierSync);

      assertThat(sink.runRecords()).containsExactly(load, earlierSync, sync);

      RunRecord redone =
          RunRecord.builder()
              .from(run("load-1", RunRecord.Kind.LOAD, "2026-01-04T00:00:00Z"))
              .putWatermarks("public.orders", RowKey.of(1300L))
              .build();
      sink.recordRun(redone);

      assertThat(sink.runRecords()).containsExactly(earlierSync, sync, redone);
    }
  }

  @Test
  void
      the_last_source_position_is_the_greatest_a_run_committed_and_ignores_parts_without_checkpoint() {
    try (TargetSink sink = shop("positions")) {
      assertThat(sink.lastSourcePosition("follower")).isEmpty();
      TxBatch batch =
          TxBatch.builder()
              .runId("follower")
              .stepId("follow")
              .sequence(0)
              .lastKey(RowKey.of(100L))
              .addEntities(customer(1).add(EMAIL, "ann@example.org").build())
              .sourcePosition(0x16_B374_D848L)
              .build();
      sink.submit(batch).join();
      sink.submit(TxBatch.builder().from(batch).sequence(1).sourcePosition(0x15_0000_0000L).build())
          .join();
      sink.submit(
              TxBatch.builder()
                  .from(batch)
                  .sequence(2)
                  .recordsCheckpoint(false)
                  .sourcePosition(0x17_0000_0000L)
                  .build())
          .join();
      sink.submit(
              TxBatch.builder()
                  .from(batch)
                  .runId("other")
                  .sequence(0)
                  .sourcePosition(0x18_0000_0000L)
                  .build())
          .join();

      assertThat(sink.lastSourcePosition("follower")).hasValue(0x16_B374_D848L);
      assertThat(sink.lastSourcePosition("other")).hasValue(0x18_0000_0000L);
      assertThat(sink.lastSourcePosition("nobody")).isEmpty();
    }
  }

  @Test
  void a_target_without_the_run_attributes_has_no_records_and_installs_them_to_record_one() {
    try (TargetSink sink = DatomicTarget.builder().uri(ShopSchema.freshUri("no-runs")).build()) {
      assertThat(sink.runRecords()).isEmpty();

      RunRecord load = run("load", RunRecord.Kind.LOAD, "2026-01-01T00:00:00Z");
      sink.recordRun(load);

      assertThat(sink.runRecords()).containsExactly(load);
    }
  }

  @Test
  void a_rehearsal_records_runs_and_retracts_only_in_its_copy() {
    String uri = ShopSchema.freshUri("rehearsal");
    try (TargetSink sink = shopAt(uri)) {
      transact(sink, 0, customer(1).add(EMAIL, "ann@example.org").build(), customer(2).build());
      RunRecord load = run("load", RunRecord.Kind.LOAD, "2026-01-01T00:00:00Z");
      sink.recordRun(load);
      RunRecord sync = run("sync", RunRecord.Kind.SYNC, "2026-01-02T00:00:00Z");

      try (TargetSink rehearsal = sink.rehearsal()) {
        BatchReceipt receipt =
            transact(
                rehearsal,
                1,
                customer(1).retract(EMAIL, "ann@example.org").build(),
                TxEntity.retraction(RowKey.of(2L), customerRef(2)));
        rehearsal.recordRun(sync);

        assertThat(receipt.retracted()).isEqualTo(2);
        assertThat(rehearsal.runRecords()).containsExactly(load, sync);
        assertThat(rehearsal.identityValues(CUSTOMER_ID)).containsExactly(1L);
      }
      try (TargetSink dryRun = DatomicTarget.builder().uri(uri).dryRun(true).build()) {
        dryRun.recordRun(sync);
        assertThat(dryRun.runRecords()).containsExactly(load, sync);
      }

      assertThat(sink.runRecords()).containsExactly(load);
      assertThat(sink.identityValues(CUSTOMER_ID)).containsExactly(1L, 2L);
      assertThat(pulled(sink, CUSTOMERS, customerRef(1))).containsEntry(EMAIL, "ann@example.org");
    }
  }
}
