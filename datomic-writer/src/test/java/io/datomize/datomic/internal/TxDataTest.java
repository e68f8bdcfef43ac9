package io.datomize.datomic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import datomic.Connection;
import datomic.Peer;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RowKey;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import io.datomize.target.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the transactor is left to resolve: the Peer turns refs and the entities of link and bridge
 * rows into entity ids when they exist, so that the transactor need not look them up.
 */
class TxDataTest {
  private static final Attribute ID = DatomicSinkTest.ID;
  private static final Attribute PARENT = Attribute.of("thing", "parent");
  private static final Attribute TAGS = Attribute.of("thing", "tags");

  private final Connection connection = freshDatabase();

  private static Connection freshDatabase() {
    String uri = "datomic:mem://tx-data-" + UUID.randomUUID();
    Peer.createDatabase(uri);
    Connection connection = Peer.connect(uri);
    try (DatomicSink sink =
        DatomicSinkTest.sink(
            Transactor.live(connection), Duration.ofSeconds(30), RetryPolicy.none())) {
      sink.installSchema(
          TargetSchema.builder()
              .addAttributes(
                  AttributeSchema.builder().ident(PARENT).valueType(ValueType.REF).build(),
                  AttributeSchema.builder()
                      .ident(TAGS)
                      .valueType(ValueType.REF)
                      .cardinality(Cardinality.MANY)
                      .build())
              .build());
      sink.submit(batch(false, entity(1).build())).join();
    }
    return connection;
  }

  private static TxEntity.Builder entity(long id) {
    return TxEntity.builder(RowKey.of(id), LookupRef.of(ID, id), 2);
  }

  private static TxBatch batch(boolean newEntities, TxEntity... entities) {
    return TxBatch.builder()
        .runId("run")
        .stepId("step")
        .sequence(0)
        .lastKey(RowKey.of(0L))
        .newEntities(newEntities)
        .addEntities(entities)
        .build();
  }

  private Object idOf(long id) {
    return connection.db().entid(List.of(Keywords.of(ID), id));
  }

  @Test
  void a_ref_to_an_existing_entity_goes_as_its_id_and_one_to_a_missing_entity_as_a_lookup_ref() {
    List<Object> tx =
        TxData.of(
            batch(
                true,
                entity(2).add(PARENT, LookupRef.of(ID, 1L)).build(),
                entity(3).add(PARENT, LookupRef.of(ID, 99L)).build()),
            connection::db);

    assertThat(tx)
        .contains(
            List.of(Keywords.DB_ADD, "e0", Keywords.of(ID), 2L),
            List.of(Keywords.DB_ADD, "e0", Keywords.of(PARENT), idOf(1)),
            List.of(Keywords.DB_ADD, "e1", Keywords.of(PARENT), List.of(Keywords.of(ID), 99L)));
  }

  @Test
  void the_rows_of_a_link_or_bridge_name_their_existing_entity_by_id_without_asserting_it_again() {
    List<Object> tx =
        TxData.of(
            batch(
                false,
                entity(1).add(TAGS, LookupRef.of(ID, 1L)).build(),
                entity(1).add(TAGS, LookupRef.of(ID, 2L)).build(),
                entity(4).add(TAGS, LookupRef.of(ID, 1L)).build()),
            connection::db);

    assertThat(tx)
        .contains(
            List.of(Keywords.DB_ADD, idOf(1), Keywords.of(TAGS), idOf(1)),
            List.of(Keywords.DB_ADD, idOf(1), Keywords.of(TAGS), List.of(Keywords.of(ID), 2L)),
            List.of(Keywords.DB_ADD, "e2", Keywords.of(ID), 4L),
            List.of(Keywords.DB_ADD, "e2", Keywords.of(TAGS), idOf(1)))
        .doesNotContain(List.of(Keywords.DB_ADD, idOf(1), Keywords.of(ID), 1L));
  }
}
