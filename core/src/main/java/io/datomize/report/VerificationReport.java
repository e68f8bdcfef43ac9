package io.datomize.report;

import java.util.List;
import org.immutables.value.Value;

/** Whether every source row and every link arrived in the target, table by table. */
@Value.Immutable
public abstract class VerificationReport {
  public abstract List<TableVerification> tables();

  public abstract List<BridgeVerification> bridges();

  /** Whether values were compared for a sample of the rows only. */
  public abstract boolean sampled();

  public static Builder builder() {
    return new Builder();
  }

  public boolean passed() {
    return tables().stream().allMatch(TableVerification::passed)
        && bridges().stream().allMatch(BridgeVerification::passed);
  }

  public static class Builder extends ImmutableVerificationReport.Builder {}
}
