package io.datomize.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import io.datomize.report.StepReport;
import io.datomize.run.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LineProgressTest {
  private static final TableName USERS = TableName.of("public", "users");
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong(0);
  private final LineProgress progress =
      new LineProgress(
          new PrintStream(captured, true, StandardCharsets.UTF_8), now::get, Duration.ofSeconds(5));

  @Test
  void prints_one_plain_line_per_interval_with_rows_rate_and_eta_then_a_closing_line() {
    progress.stepStarted("load public.users", USERS, 100_000);
    for (int second = 1; second <= 12; second++) {
      now.set(second * SECOND);
      progress.progress(
          new Progress(
              "load public.users",
              USERS,
              second * 5_000L,
              100_000,
              second * 5_000L,
              100_000,
              5_000));
    }
    now.set(20 * SECOND);
    progress.stepFinished(
        StepReport.builder()
            .stepId("load public.users")
            .table(USERS)
            .rowsRead(100_000)
            .rowsLoaded(100_000)
            .rowsRejected(0)
            .rowsWithoutData(0)
            .datoms(0)
            .transactions(100)
            .duration(Duration.ofSeconds(20))
            .build());

    assertThat(lines())
        .containsExactly(
            "load public.users: started, about 100,000 rows",
            "load public.users: 25,000 rows of about 100,000, 5,000 rows/s, run ETA 0:00:15",
            "load public.users: 50,000 rows of about 100,000, 5,000 rows/s, run ETA 0:00:10",
            "load public.users: done, 100,000 rows in 0:00:20 (5,000 rows/s)");
  }

  @Test
  void without_an_estimate_prints_no_eta_and_no_total() {
    progress.stepStarted("load public.events", USERS, -1);
    now.set(6 * SECOND);
    progress.progress(new Progress("load public.events", USERS, 600, -1, 600, -1, 100));

    assertThat(lines())
        .containsExactly("load public.events: started", "load public.events: 600 rows, 100 rows/s");
  }

  private String[] lines() {
    return captured.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
  }
}
