package io.datomize.examples.bench;

import datomic.Connection;
import io.datomize.examples.bench.QueryfeedTarget.Column;
import io.datomize.examples.bench.QueryfeedTarget.Table;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The Queryfeed story's loader: each table read whole with plain JDBC, one table after the other,
 * every row mapped to an entity map ({@code {:user/pg-id 1, :user/email "..."}}, nulls left out),
 * transacted synchronously 1,000 entities at a time with foreign keys as lookup refs; the {@code
 * post_tags} links asserted last.
 */
public final class NaiveLoader implements Loader {
  static final int BATCH_SIZE = 1_000;

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public LoadResult load(DataSource source, LoadTarget target) throws Exception {
    long start = System.nanoTime();
    Connection datomic = target.connection();
    datomic.transact(QueryfeedTarget.schema()).get();
    long rows = 0;
    long datoms = 0;
    // autocommit stays on, so the driver fetches each whole table into memory before the first row:
    // the plain way
    try (java.sql.Connection jdbc = source.getConnection();
        Statement statement = jdbc.createStatement()) {
      for (Table table : QueryfeedTarget.TABLES) {
        List<Object> batch = new ArrayList<>(BATCH_SIZE);
        try (ResultSet row = statement.executeQuery(table.select())) {
          while (row.next()) {
            batch.add(entity(table, row));
            rows++;
            if (batch.size() == BATCH_SIZE) {
              datoms += transact(datomic, batch);
              batch = new ArrayList<>(BATCH_SIZE);
            }
          }
        }
        datoms += transact(datomic, batch);
      }
      List<Object> links = new ArrayList<>(BATCH_SIZE);
      try (ResultSet row = statement.executeQuery(QueryfeedTarget.POST_TAGS_SELECT)) {
        while (row.next()) {
          links.add(QueryfeedTarget.postTag(row.getLong(1), row.getLong(2)));
          rows++;
          if (links.size() == BATCH_SIZE) {
            datoms += transact(datomic, links);
            links = new ArrayList<>(BATCH_SIZE);
          }
        }
      }
      datoms += transact(datomic, links);
    }
    return new LoadResult(rows, datoms, java.time.Duration.ofNanos(System.nanoTime() - start));
  }

  private static Map<Object, Object> entity(Table table, ResultSet row)
      throws java.sql.SQLException {
    List<Column> columns = table.columns();
    Map<Object, Object> entity = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      Object value = columns.get(i).read(row, i + 1);
      if (value != null) {
        entity.put(columns.get(i).attribute(), value);
      }
    }
    return entity;
  }

  private static long transact(Connection datomic, List<Object> txData) throws Exception {
    if (txData.isEmpty()) {
      return 0;
    }
    return TxReports.dataDatoms(datomic.transact(txData).get());
  }
}
