package io.datomize.plan;

import io.datomize.catalog.TableName;
import java.util.List;

/** A step that reads the rows of one table in key order and transacts what they convert to. */
public sealed interface RowStep extends PlanStep permits LoadStep, LinkStep, BridgeStep {
  TableName table();

  /** The columns that order the rows read and name each one. */
  List<String> keyColumns();

  /** The columns to read, key columns first. */
  List<String> columns();

  /** The catalog's estimate of the rows the step reads; -1 when unknown. */
  long estimatedRows();
}
