package io.datomize.run;

/** Receives a follower's progress. Called on the follower's thread: keep it quick. */
public interface FollowListener {
  /** A listener that ignores everything. */
  FollowListener NONE = progress -> {};

  void progress(FollowProgress progress);
}
