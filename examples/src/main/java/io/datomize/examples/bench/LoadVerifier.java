package io.datomize.examples.bench;

import clojure.lang.Keyword;
import datomic.Database;
import datomic.Entity;
import io.datomize.examples.bench.QueryfeedTarget.Column;
import io.datomize.examples.bench.QueryfeedTarget.Kind;
import io.datomize.examples.bench.QueryfeedTarget.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Checks a finished load against the source, so that a fast but wrong loader cannot win: rows read,
 * datoms asserted, the number of values of every attribute (entities per namespace, {@code
 * post_tags} links), and the values of a sample of entities compared field by field with their
 * source rows.
 */
final class LoadVerifier {
  private static final int SAMPLES_PER_TABLE = 50;
  private static final int MAX_REPORTED = 20;

  private final DataSource source;
  private final long rows;
  private final Map<Keyword, Long> values;

  private LoadVerifier(DataSource source, long rows, Map<Keyword, Long> values) {
    this.source = source;
    this.rows = rows;
    this.values = values;
  }

  /** Counts, once per source, the rows and the non-null values of every column. */
  static LoadVerifier of(DataSource source) throws SQLException {
    Map<Keyword, Long> values = new LinkedHashMap<>();
    long rows = 0;
    try (Connection jdbc = source.getConnection();
        Statement statement = jdbc.createStatement()) {
      for (Table table : QueryfeedTarget.TABLES) {
        String counts =
            table.columns().stream()
                .map(column -> "count(" + column.name() + ")")
                .collect(Collectors.joining(", "));
        try (ResultSet row = statement.executeQuery("SELECT " + counts + " FROM " + table.name())) {
          row.next();
          for (int i = 0; i < table.columns().size(); i++) {
            values.put(table.columns().get(i).attribute(), row.getLong(i + 1));
          }
          rows += row.getLong(1);
        }
      }
      try (ResultSet row = statement.executeQuery(QueryfeedTarget.POST_TAGS_COUNT)) {
        row.next();
        values.put(QueryfeedTarget.POST_TAGS, row.getLong(1));
        rows += row.getLong(1);
      }
    }
    return new LoadVerifier(source, rows, Map.copyOf(values));
  }

  long rows() {
    return rows;
  }

  /** Every datom a correct load asserts: one per non-null column value and one per link. */
  long datoms() {
    return values.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * What is wrong with the load; empty when it is complete and the sampled entities match their
   * rows.
   */
  List<String> problems(LoadResult result, Database db) throws SQLException {
    List<String> problems = new ArrayList<>();
    if (result.rows() != rows) {
      problems.add("the loader reports " + result.rows() + " rows read, the source has " + rows);
    }
    if (result.datoms() != datoms()) {
      problems.add(
          "the loader reports " + result.datoms() + " datoms, a complete load asserts " + datoms());
    }
    values.forEach(
        (attribute, expected) -> {
          long actual = count(db.datoms(Database.AEVT, attribute));
          if (actual != expected) {
            problems.add(attribute + " has " + actual + " values, the source " + expected);
          }
        });
    for (Table table : QueryfeedTarget.TABLES) {
      compareSample(table, db, problems);
    }
    comparePostTagsSample(db, problems);
    return problems.size() > MAX_REPORTED ? problems.subList(0, MAX_REPORTED) : problems;
  }

  private void compareSample(Table table, Database db, List<String> problems) throws SQLException {
    List<Column> columns = table.columns();
    try (Connection jdbc = source.getConnection();
        PreparedStatement select = jdbc.prepareStatement(sample(table.select()))) {
      select.setLong(1, sampleStep(table));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          long id = row.getLong(1);
          Entity entity = db.entity(List.of(table.identity(), id));
          if (entity == null) {
            problems.add(
                table.name() + " id " + id + ": no entity " + List.of(table.identity(), id));
            continue;
          }
          for (int i = 1; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object expected = column.read(row, i + 1);
            Object actual = loaded(column, entity.get(column.attribute()));
            if (!Objects.equals(expected, actual)) {
              problems.add(
                  table.name()
                      + " id "
                      + id
                      + ", column "
                      + column.name()
                      + ": source "
                      + expected
                      + ", Datomic "
                      + column.attribute()
                      + " "
                      + actual);
            }
          }
        }
      }
    }
  }

  private void comparePostTagsSample(Database db, List<String> problems) throws SQLException {
    try (Connection jdbc = source.getConnection();
        PreparedStatement select =
            jdbc.prepareStatement(
                "SELECT p.id, array_remove(array_agg(pt.tag_id), NULL) FROM posts p LEFT JOIN post_tags pt ON pt.post_id = p.id"
                    + " WHERE p.id = 1 OR hashint8(p.id) % ? = 0 GROUP BY p.id ORDER BY p.id LIMIT "
                    + SAMPLES_PER_TABLE)) {
      select.setLong(1, sampleStep(QueryfeedTarget.POSTS));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          long post = row.getLong(1);
          Set<Long> expected = new HashSet<>(List.of((Long[]) row.getArray(2).getArray()));
          Entity entity = db.entity(List.of(QueryfeedTarget.POSTS.identity(), post));
          Set<Object> actual = new HashSet<>();
          Object tags = entity == null ? null : entity.get(QueryfeedTarget.POST_TAGS);
          if (tags != null) {
            for (Object tag : (Collection<?>) tags) {
              actual.add(((Entity) tag).get(QueryfeedTarget.TAGS.identity()));
            }
          }
          if (!expected.equals(actual)) {
            problems.add(
                "post "
                    + post
                    + ": source tags "
                    + expected
                    + ", Datomic "
                    + QueryfeedTarget.POST_TAGS
                    + " "
                    + actual);
          }
        }
      }
    }
  }

  /**
   * The entity API gives refs as entities and enum refs as their idents; bring refs back to their
   * identity.
   */
  private static Object loaded(Column column, Object value) {
    if (column.kind() == Kind.REF && value instanceof Entity parent) {
      return List.of(column.parent(), parent.get(column.parent()));
    }
    return value;
  }

  /**
   * About {@value #SAMPLES_PER_TABLE} rows spread over the whole table: the first and those whose
   * key hashes to a multiple of the step (a plain {@code id % step} would fall in step with the
   * generator's every-tenth patterns).
   */
  private long sampleStep(Table table) {
    return Math.max(1, values.get(table.identity()) / SAMPLES_PER_TABLE);
  }

  private static String sample(String select) {
    int orderBy = select.lastIndexOf(" ORDER BY ");
    return select.substring(0, orderBy)
        + " WHERE id = 1 OR hashint8(id) % ? = 0"
        + select.substring(orderBy)
        + " LIMIT "
        + SAMPLES_PER_TABLE;
  }

  private static long count(Iterable<?> datoms) {
    long count = 0;
    for (Object ignored : datoms) {
      count++;
    }
    return count;
  }
}
