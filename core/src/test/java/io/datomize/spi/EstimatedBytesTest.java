package io.datomize.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text and binary count by their length, whatever holds them; anything else as a small size. */
class EstimatedBytesTest {
  private static final RowShape SHAPE =
      RowShape.of(
          TableName.of("public", "document"),
          List.of("id", "title", "data", "tags", "at", "price", "missing"),
          List.of("id"));

  @Test
  void a_row_counts_its_text_and_binary_by_length_and_the_rest_as_fixed_sizes() {
    SourceRow row =
        SourceRow.of(
            SHAPE,
            new Object[] {
              1L,
              "x".repeat(1_000),
              new byte[5_000],
              List.of("a".repeat(300), "b".repeat(200)),
              Instant.EPOCH,
              new BigDecimal("1.5"),
              null
            });

    long fixed = ValueBytes.FIXED;
    assertThat(row.estimatedBytes())
        .isEqualTo(
            fixed
                + (fixed + 1_000)
                + (fixed + 5_000)
                + (fixed + (fixed + 300) + (fixed + 200))
                + fixed
                + fixed);
  }

  @Test
  void an_entity_counts_its_identity_values_tuples_and_lookup_refs() {
    Attribute id = Attribute.of("document", "id");
    TxEntity entity =
        TxEntity.builder(RowKey.of("k"), LookupRef.of(id, "k".repeat(50)), 3)
            .add(Attribute.of("document", "body"), "y".repeat(2_000))
            .add(Attribute.of("document", "pair"), Tuple.of("z".repeat(100), 7L))
            .add(Attribute.of("document", "owner"), LookupRef.of(id, "o".repeat(40)))
            .build();

    assertThat(entity.estimatedBytes())
        .isBetween(2_000L + 100 + 50 + 40, 2_000L + 100 + 50 + 40 + 200);
  }
}
