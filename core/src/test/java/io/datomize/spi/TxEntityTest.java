package io.datomize.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxEntityTest {
  private static final LookupRef USER = LookupRef.of(Attribute.of("user", "id"), 1L);

  @Test
  void accepts_immutable_collections_as_many_values() {
    TxEntity entity =
        TxEntity.builder(RowKey.of(1L), USER, 2)
            .add(Attribute.of("user", "tags"), List.of("a", "b"))
            .add(Attribute.of("user", "roles"), Set.of("admin"))
            .build();

    assertThat(entity.valueOf(Attribute.of("user", "tags"))).isEqualTo(List.of("a", "b"));
    assertThat(entity.datomCount()).isEqualTo(4);
  }

  @Test
  void refuses_a_null_among_many_values() {
    assertThatThrownBy(
            () ->
                TxEntity.builder(RowKey.of(1L), USER, 1)
                    .add(Attribute.of("user", "tags"), Arrays.asList("a", null)))
        .hasMessageContaining("null element among the values of :user/tags");
  }
}
