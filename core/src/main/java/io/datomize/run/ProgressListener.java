package io.datomize.run;

import io.datomize.catalog.TableName;
import io.datomize.report.StepReport;

/** Receives a run's progress. Called on the run's thread: keep it quick. */
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  default void stepStarted(String stepId, TableName table, long estimatedRows) {}

  default void progress(Progress progress) {}

  default void stepFinished(StepReport report) {}
}
