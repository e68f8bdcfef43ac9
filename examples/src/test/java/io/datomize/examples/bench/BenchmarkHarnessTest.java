package io.datomize.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchmarkHarnessTest {
  @Test
  void reads_scales_with_thousand_and_million_suffixes() {
    assertThat(BenchmarkHarness.parseScale("100k")).isEqualTo(100_000);
    assertThat(BenchmarkHarness.parseScale("1M")).isEqualTo(1_000_000);
    assertThat(BenchmarkHarness.parseScale("5m")).isEqualTo(5_000_000);
    assertThat(BenchmarkHarness.parseScale("2500")).isEqualTo(2_500);
  }

  @Test
  void names_a_scale_it_cannot_read() {
    assertThatThrownBy(() -> BenchmarkHarness.parseScale("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lots'");
  }
}
