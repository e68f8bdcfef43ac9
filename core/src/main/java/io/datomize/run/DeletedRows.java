package io.datomize.run;

/**
 * What a sync does with the entity of a source row that was deleted since the target was loaded.
 */
public enum DeletedRows {
  /** Retracts the entity and every ref to it ({@code :db/retractEntity}), as a fresh load would. */
  RETRACT,
  /**
   * Keeps the entity and marks it with {@code :datomize.entity/deleted-at}, the sync's start; its
   * history stays in place for the application to read.
   */
  MARK,
  /** Changes nothing, and only counts and logs the entity in the sync's report. */
  REPORT
}
