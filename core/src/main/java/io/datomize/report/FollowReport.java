package io.datomize.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * What a follower did: the snapshot it loaded or synced, the transactions it applied, why it
 * stopped.
 */
@Value.Immutable
public abstract class FollowReport {
  public enum Stop {
    /** Every transaction up to {@code FollowOptions.untilPosition()} is applied. */
    POSITION_REACHED,
    /** The source's end of log was reached and no change came for the idle wait. */
    CAUGHT_UP,
    /** The follower's thread was interrupted; a restart resumes. */
    INTERRUPTED
  }

  public abstract String followId();

  public abstract String slot();

  /** The position the stream resumed after, read from the target; empty on a first start. */
  public abstract OptionalLong resumedAfter();

  /** The load, or the sync of a loaded target, from the slot's snapshot, when the slot was new. */
  public abstract Optional<MigrationReport> snapshot();

  public abstract long transactions();

  public abstract long changes();

  /** Changes to tables that the mapping leaves out, which the follower skipped. */
  public abstract long changesIgnored();

  public abstract long rowsRejected();

  /** The source position of the last transaction the target holds. */
  public abstract OptionalLong lastPosition();

  public abstract Stop stop();

  /** Whether the slot and publication were dropped; otherwise the slot holds the source's log. */
  public abstract boolean slotDropped();

  public abstract Instant started();

  public abstract Instant finished();

  /** The reject file of the follower's rows, when one was written. */
  public abstract Optional<Path> rejectsFile();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableFollowReport.Builder {}
}
