package io.datomize.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The committed transactions of a source, in commit order, from a replication slot. Positions are
 * the source's log positions (PostgreSQL's LSN as an unsigned 64-bit number in a {@code long}). The
 * source may free its log up to a position only once {@link #confirm} says the target holds it; a
 * stream never confirms on its own.
 */
public interface ChangeStream extends AutoCloseable {
  /**
   * When the slot was created by this open: a reader of the tables exactly as of the slot's start,
   * to load the target from before the first change is taken. Empty when the slot existed. It must
   * be read to the end, and closed, before {@link #next}.
   */
  Optional<RowSource> snapshot();

  /** The position the slot starts at: the snapshot's, for a slot created now. */
  long slotStart();

  /**
   * The next committed transaction that touched a followed table, waiting at most {@code wait};
   * empty when none arrived in that time.
   *
   * @throws SourceException when the stream broke, or a followed table's columns changed (the
   *     message says how to continue)
   */
  Optional<SourceTransaction> next(Duration wait);

  /**
   * Tells the source that the target holds every transaction up to and including {@code position}.
   */
  void confirm(long position);

  /** The source's current end of log, to measure the lag against. */
  long currentPosition();

  /** Drops the slot and the publication, so the source keeps no log for them. */
  void dropSlot();

  @Override
  void close();
}
