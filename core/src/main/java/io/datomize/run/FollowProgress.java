package io.datomize.run;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where a follower stands, after a commit to the target or while the stream is idle.
 *
 * @param appliedPosition the source position of the last transaction the target committed; empty
 *     before the first
 * @param sourcePosition the source's current end of log
 * @param transactions source transactions applied so far
 * @param changes row changes applied so far
 * @param rejected rows rejected so far
 * @param changesPerSecond the rate of row changes over the last interval
 * @param lagBytes how far the applied position is behind the source's end of log
 * @param lag how long ago the last applied transaction committed in the source; zero while idle
 */
public record FollowProgress(
    OptionalLong appliedPosition,
    long sourcePosition,
    long transactions,
    long changes,
    long rejected,
    double changesPerSecond,
    long lagBytes,
    Duration lag) {}
