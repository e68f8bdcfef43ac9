package io.datomize.run;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.immutables.value.Value;

/**
 * How {@code Migration...follow(..)} streams the source's changes into the target: which slot, when
 * to stop, and what to tell while it runs. Batch size, in-flight transactions, error policy and the
 * run directory come from the migration's {@link RunOptions}.
 *
 * <pre>{@code
 * FollowOptions options = FollowOptions.builder()
 *     .followId("datomize")          // also the default slot and publication name
 *     .untilCaughtUp(true)           // or .untilPosition(lsn), or neither: until interrupted
 *     .dropSlotWhenDone(true)
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class FollowOptions {
  /**
   * Names this follower in the target, where each transaction it commits records its source
   * position under this id; a restart with the same id resumes after the last one. Default {@code
   * datomize}.
   */
  @Value.Default
  public String followId() {
    return "datomize";
  }

  /** The replication slot; default the follow id. */
  @Value.Default
  public String slot() {
    return followId();
  }

  /** The publication; default the follow id. */
  @Value.Default
  public String publication() {
    return followId();
  }

  /**
   * Stop once every source transaction that committed up to this position is applied (a drain to
   * the position that {@code SELECT pg_current_wal_insert_lsn()} gave after writes were frozen).
   */
  public abstract OptionalLong untilPosition();

  /**
   * Stop once caught up: the source's current position was reached and no change came for {@link
   * #idleWait()}. Without this nor {@link #untilPosition()}, the follower runs until its thread is
   * interrupted.
   */
  @Value.Default
  public boolean untilCaughtUp() {
    return false;
  }

  /**
   * How long to wait for the next change before counting the stream idle (and reporting the lag);
   * default 2 seconds.
   */
  @Value.Default
  public Duration idleWait() {
    return Duration.ofSeconds(2);
  }

  /**
   * Drop the slot and the publication when the follower stops as asked (not on a failure or an
   * interrupt); default false. A slot left behind holds the source's log until it is dropped.
   */
  @Value.Default
  public boolean dropSlotWhenDone() {
    return false;
  }

  /**
   * Told of the follower's progress at most once a second while it streams, and after each idle
   * wait; default none.
   */
  @Value.Default
  public FollowListener listener() {
    return FollowListener.NONE;
  }

  /**
   * How a source position reads in messages and reject reasons; default its unsigned decimal. The
   * runner formats PostgreSQL's LSNs as {@code 16/B374D848}.
   */
  @Value.Default
  public LongFunction<String> positionFormat() {
    return Long::toUnsignedString;
  }

  public static FollowOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (followId().isBlank()) {
      throw new IllegalArgumentException("the follow id must not be blank");
    }
    if (idleWait().isNegative() || idleWait().isZero()) {
      throw new IllegalArgumentException("the idle wait must be positive, got " + idleWait());
    }
    if (untilCaughtUp() && untilPosition().isPresent()) {
      throw new IllegalArgumentException("follow until caught up or until a position, not both");
    }
  }

  public static class Builder extends ImmutableFollowOptions.Builder {}
}
