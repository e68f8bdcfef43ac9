package io.datomize.verify;

import java.util.List;
import java.util.Locale;
import org.immutables.value.Value;

/** Whether every source row and every link arrived in the target, table by table. */
@Value.Immutable
public abstract class VerificationReport {
  public abstract List<TableVerification> tables();

  public abstract List<BridgeVerification> bridges();

  /** Values were compared for every n-th row; 1 for all rows. */
  @Value.Default
  public int sampleEvery() {
    return 1;
  }

  /** Whether values were compared for a sample of the rows only. */
  public boolean sampled() {
    return sampleEvery() > 1;
  }

  /**
   * What verification compared, one sentence per check, so that a reader sees what else could have
   * been lost.
   */
  public List<String> checks() {
    long tables = tables().size();
    String rows = sampleEvery() == 1 ? "every row" : "every " + ordinal(sampleEvery()) + " row";
    return List.of(
        "row counts: source rows minus rejected rows against entities, in " + tables + " tables",
        "values: "
            + rows
            + " converted again and compared attribute by attribute with its entity, in "
            + tables
            + " tables",
        "refs: non-null foreign keys against ref values, in " + tables + " tables",
        "bridges: bridge rows minus rejected rows against values of the cardinality-many ref, in "
            + bridges().size()
            + " bridges");
  }

  private static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix =
        lastTwo >= 11 && lastTwo <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }

  @Value.Check
  protected void check() {
    if (sampleEvery() < 1) {
      throw new IllegalArgumentException(
          "values are compared for every n-th row with n >= 1, not " + sampleEvery());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean passed() {
    return tables().stream().allMatch(TableVerification::passed)
        && bridges().stream().allMatch(BridgeVerification::passed);
  }

  /**
   * A readable account: passed or failed, what was compared, and for each table or bridge that
   * differs its counts and examples of the differences.
   */
  public String summary() {
    VerificationReport v = this;
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "verification: %s (%d tables, %d bridges, values compared %s)%n",
            v.passed() ? "PASSED" : "FAILED",
            v.tables().size(),
            v.bridges().size(),
            v.sampled() ? "for a sample" : "in full"));
    out.append("  compared:").append(System.lineSeparator());
    v.checks().forEach(c -> out.append("    ").append(c).append(System.lineSeparator()));
    for (TableVerification t : v.tables()) {
      if (!t.passed()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %s: %d source rows, %d rejected, %d entities, %d of %d compared rows differ, refs %d in source vs %d%n",
                t.table(),
                t.sourceRows(),
                t.rejectedRows(),
                t.entities(),
                t.mismatches(),
                t.compared(),
                t.sourceRefs(),
                t.targetRefs()));
        t.examples().forEach(e -> out.append("    ").append(e).append(System.lineSeparator()));
      }
    }
    for (BridgeVerification b : v.bridges()) {
      if (!b.passed()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %s -> %s: %d source rows, %d rejected, %d values%n",
                b.table(),
                b.attribute(),
                b.sourceRows(),
                b.rejectedRows(),
                b.values()));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return summary();
  }

  public static class Builder extends ImmutableVerificationReport.Builder {}
}
