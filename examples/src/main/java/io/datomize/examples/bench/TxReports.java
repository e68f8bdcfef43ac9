package io.datomize.examples.bench;

import datomic.Connection;
import datomic.Datom;
import java.util.List;
import java.util.Map;

/** Reads a transaction report. */
final class TxReports {
  private TxReports() {}

  /** Datoms the transaction asserted about entities other than the transaction itself. */
  static long dataDatoms(Map<?, ?> report) {
    long count = 0;
    for (Object datom : (List<?>) report.get(Connection.TX_DATA)) {
      Datom d = (Datom) datom;
      if (!d.e().equals(d.tx())) {
        count++;
      }
    }
    return count;
  }
}
