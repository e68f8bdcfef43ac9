package io.datomize.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorPolicyTest {
  @Test
  void fail_fast_stops_at_the_first_rejected_row() {
    assertThat(ErrorPolicy.failFast().isExceeded(1, 0)).isFalse();
    assertThat(ErrorPolicy.failFast().isExceeded(1, 1)).isTrue();
  }

  @Test
  void a_maximum_count_stops_past_it() {
    assertThat(ErrorPolicy.maxRejects(3).isExceeded(10, 3)).isFalse();
    assertThat(ErrorPolicy.maxRejects(3).isExceeded(10, 4)).isTrue();
  }

  @Test
  void a_ratio_is_judged_once_enough_rows_were_read() {
    ErrorPolicy onePercent = ErrorPolicy.maxRejectRatio(0.01);
    assertThat(onePercent.isExceeded(100, 50)).isFalse();
    assertThat(onePercent.isExceeded(1_000, 10)).isFalse();
    assertThat(onePercent.isExceeded(1_000, 11)).isTrue();
  }

  @Test
  void refuses_impossible_limits_and_says_what_it_allows() {
    assertThatThrownBy(() -> ErrorPolicy.maxRejects(-1))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> ErrorPolicy.maxRejectRatio(1.5))
        .hasMessageContaining("between 0 and 1");
    assertThat(ErrorPolicy.defaults()).hasToString("at most 1000 rows rejected");
    assertThat(ErrorPolicy.maxRejectRatio(0.01)).hasToString("at most 1.0000% of rows rejected");
  }
}
