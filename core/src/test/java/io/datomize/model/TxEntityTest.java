package io.datomize.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxEntityTest {
  private static final Attribute TAGS = Attribute.of("item", "tags");

  private static TxEntity.Builder entity() {
    return TxEntity.builder(RowKey.of(1L), LookupRef.of(Attribute.of("item", "id"), 1L), 1);
  }

  @Test
  void accepts_many_values_in_immutable_collections() {
    TxEntity entity = entity().add(TAGS, Set.of("a", "b")).build();

    assertThat(entity.datomCount()).isEqualTo(3);
    assertThat(entity().add(TAGS, List.of("a")).build().valueOf(TAGS)).isEqualTo(List.of("a"));
  }

  @Test
  void rejects_a_null_among_many_values_naming_the_attribute() {
    assertThatThrownBy(() -> entity().add(TAGS, Arrays.asList("a", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":item/tags");
  }
}
