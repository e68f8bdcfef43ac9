package io.datomize.spi;

import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/** One committed source transaction: its changes to the followed tables, in order. */
@Value.Immutable
public abstract class SourceTransaction {
  /** The log position of its commit. */
  public abstract long commitPosition();

  public abstract Instant commitTime();

  public abstract List<RowChange> changes();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSourceTransaction.Builder {}
}
