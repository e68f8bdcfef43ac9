package io.datomize.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The defaults are the ones {@link RunOptions} documents, and settings that cannot work are refused
 * at once.
 */
class RunOptionsTest {
  @Test
  void defaults_are_as_documented() {
    RunOptions defaults = RunOptions.defaults();

    assertThat(defaults.batchSize()).isEqualTo(1_000);
    assertThat(defaults.transactionsInFlight()).isEqualTo(4);
    assertThat(defaults.errorPolicy().isExceeded(1_000_000, 1_000))
        .as("1,000 rejected rows are accepted")
        .isFalse();
    assertThat(defaults.errorPolicy().isExceeded(1_000_000, 1_001))
        .as("the 1,001st stops the run")
        .isTrue();
    assertThat(defaults.progress()).isSameAs(ProgressListener.NONE);
    assertThat(defaults.runDirectory()).isEqualTo(Path.of("datomize-runs"));
    assertThat(defaults.verify()).isTrue();
    assertThat(defaults.verifySample()).isEqualTo(1);
    assertThat(RunOptions.builder().build()).isEqualTo(defaults);
  }

  @Test
  void a_setting_changes_only_itself() {
    RunOptions defaults = RunOptions.defaults();
    RunOptions changed = RunOptions.builder().from(defaults).transactionsInFlight(20).build();

    assertThat(changed.transactionsInFlight()).isEqualTo(20);
    assertThat(RunOptions.builder().from(changed).transactionsInFlight(4).build())
        .isEqualTo(defaults);
  }

  @Test
  void refuses_counts_below_one() {
    assertThatThrownBy(() -> RunOptions.builder().batchSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size must be at least 1, got 0");
    assertThatThrownBy(() -> RunOptions.builder().transactionsInFlight(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("transactions in flight must be at least 1, got 0");
    assertThatThrownBy(() -> RunOptions.builder().verifySample(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verification sample interval must be at least 1, got -1");
  }
}
