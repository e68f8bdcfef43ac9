package io.datomize.spi;

import java.time.Instant;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What a finished run leaves in the target besides its data: its id, whether it loaded or synced,
 * when it finished, and the watermark it read each watermarked table up to, so the next sync reads
 * only what changed after.
 */
@Value.Immutable
public abstract class RunRecord {
  /** Whether the run loaded or synced. */
  public enum Kind {
    LOAD,
    SYNC
  }

  public abstract String runId();

  public abstract Kind kind();

  public abstract Instant finished();

  /** By qualified table name ({@code public.users}): the high watermark of one value. */
  public abstract Map<String, RowKey> watermarks();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableRunRecord.Builder {}
}
