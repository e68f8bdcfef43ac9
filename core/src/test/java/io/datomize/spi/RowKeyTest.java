package io.datomize.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowKeyTest {
  @Test
  void encoding_keeps_every_value_and_its_type() {
    RowKey key =
        RowKey.of(
            42L,
            7,
            (short) 3,
            "a:b|c",
            new BigDecimal("10.50"),
            UUID.randomUUID(),
            true,
            Instant.parse("2024-01-02T03:04:05.123456Z"),
            OffsetDateTime.parse("2024-01-02T03:04:05+02:00"),
            LocalDateTime.parse("2024-01-02T03:04:05"),
            LocalDate.parse("2024-01-02"),
            "");

    RowKey decoded = RowKey.decode(key.encode());

    assertThat(decoded).isEqualTo(key);
    assertThat(decoded.get(1)).isInstanceOf(Integer.class);
    assertThat(((BigDecimal) decoded.get(4)).scale()).isEqualTo(2);
  }

  @Test
  void a_message_names_each_value_and_prints_the_infinities_as_postgresql_does() {
    RowKey key = RowKey.of(42L, Instant.MAX, LocalDate.MIN, 1.5);

    assertThat(key.describe(List.of("id", "at", "day")))
        .isEqualTo("id=42, at=infinity, day=-infinity, key3=1.5");
  }

  @Test
  void refuses_values_that_cannot_order_rows() {
    assertThatThrownBy(() -> RowKey.of(new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be of type");
    assertThatThrownBy(() -> RowKey.decode("X1:a")).hasMessageContaining("not an encoded row key");
  }
}
