package io.datomize.spi;

/**
 * A source that streams its committed changes, such as PostgreSQL's logical replication, so that a
 * target can follow it until cut-over.
 */
public interface ChangeSource {
  /**
   * Checks the prerequisites (that the source can stream changes, the privileges, that each table
   * identifies its rows for updates and deletes), creates or reuses the named publication and slot,
   * and opens the stream after {@link FollowRequest#startAfter()}.
   *
   * @throws SourceException naming each prerequisite that is missing and how to meet it
   */
  ChangeStream open(FollowRequest request);
}
