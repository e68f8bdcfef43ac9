package io.datomize.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import org.junit.jupiter.api.Test;

class VerificationReportTest {
  private static final TableVerification USERS =
      TableVerification.builder()
          .table(TableName.of("public", "users"))
          .sourceRows(10)
          .rejectedRows(1)
          .entities(9)
          .compared(9)
          .mismatches(0)
          .sourceRefs(0)
          .targetRefs(0)
          .build();

  @Test
  void a_passed_verification_reads_as_one_line_and_what_it_compared() {
    VerificationReport report = VerificationReport.builder().addTables(USERS).build();

    assertThat(report.summary())
        .startsWith("verification: PASSED (1 tables, 0 bridges, values compared in full)")
        .contains("compared:", "row counts:", "refs:")
        .doesNotContain("public.users:");
    assertThat(report).hasToString(report.summary());
  }

  @Test
  void a_failed_verification_names_each_table_that_differs_with_its_counts_and_examples() {
    TableVerification posts =
        TableVerification.builder()
            .table(TableName.of("public", "posts"))
            .sourceRows(5)
            .rejectedRows(0)
            .entities(4)
            .compared(4)
            .mismatches(1)
            .sourceRefs(5)
            .targetRefs(4)
            .addExamples("public.posts (id=3): missing from the target")
            .build();

    String summary =
        VerificationReport.builder().addTables(USERS, posts).sampleEvery(2).build().summary();

    assertThat(summary)
        .startsWith("verification: FAILED (2 tables, 0 bridges, values compared for a sample)")
        .contains(
            "public.posts: 5 source rows, 0 rejected, 4 entities, 1 of 4 compared rows differ, refs 5 in source"
                + " vs 4",
            "    public.posts (id=3): missing from the target")
        .doesNotContain("public.users:");
  }
}
