package io.datomize.examples.queryfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryfeedDatabaseTest {
  private static final long ROWS = 3_000;

  private static DataSource database;

  @BeforeAll
  static void generate() {
    database = EmbeddedPostgresServer.shared().createDatabase("queryfeed_test");
    QueryfeedDatabase.create(database, ROWS);
  }

  @Test
  void same_scale_and_seed_give_the_same_rows() throws SQLException {
    DataSource again = EmbeddedPostgresServer.shared().createDatabase("queryfeed_again");
    QueryfeedDatabase.create(again, ROWS);

    assertThat(checksums(again)).isEqualTo(checksums(database));
  }

  @Test
  void another_seed_gives_other_rows() throws SQLException {
    DataSource other = EmbeddedPostgresServer.shared().createDatabase("queryfeed_other_seed");
    QueryfeedDatabase.create(other, ROWS, QueryfeedDatabase.DEFAULT_SEED + 1);

    Map<String, String> expected = checksums(database);
    Map<String, String> actual = checksums(other);
    for (String table : QueryfeedDatabase.TABLES) {
      assertThat(actual.get(table)).as(table).isNotEqualTo(expected.get(table));
    }
  }

  @Test
  void tables_hold_the_requested_total_split_as_the_size_says() throws SQLException {
    assertHolds(database, QueryfeedSize.ofTotal(ROWS));
  }

  @Test
  void every_nullable_column_holds_nulls_and_values() throws SQLException {
    List<String> nullable =
        strings(
            database,
            "SELECT table_name || '.' || column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND is_nullable = 'YES' ORDER BY 1");
    assertThat(nullable)
        .contains(
            "users.first_name",
            "users.gender",
            "users.website",
            "posts.body",
            "orders.shipped_at",
            "ipn.order_id");
    for (String qualified : nullable) {
      String[] parts = qualified.split("\\.");
      long nulls = single(database, "SELECT count(*) - count(" + parts[1] + ") FROM " + parts[0]);
      long values = single(database, "SELECT count(" + parts[1] + ") FROM " + parts[0]);
      assertThat(nulls).as("nulls in " + qualified).isPositive();
      assertThat(values).as("values in " + qualified).isPositive();
    }
  }

  @Test
  void every_enum_label_and_checked_value_occurs() throws SQLException {
    assertThat(distinct("users", "gender")).containsExactly("female", "male", "other");
    assertThat(distinct("users", "source"))
        .containsExactly("email", "facebook", "google", "twitter");
    assertThat(distinct("users", "status::text")).containsExactly("active", "deleted", "suspended");
    assertThat(distinct("orders", "state::text"))
        .containsExactly("cancelled", "paid", "pending", "shipped");
    assertThat(strings(database, "SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY 1"))
        .containsExactly("order_state", "user_status");
  }

  @Test
  void bridge_links_most_posts_to_tags_and_leaves_some_untagged() throws SQLException {
    assertThat(single(database, "SELECT count(*) FROM post_tags"))
        .isEqualTo(QueryfeedSize.ofTotal(ROWS).postTags());
    assertThat(single(database, "SELECT count(DISTINCT post_id) FROM post_tags")).isPositive();
    assertThat(
            single(
                database,
                "SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id)"))
        .isPositive();
    assertThat(
            single(
                database,
                "SELECT max(n) FROM (SELECT count(*) n FROM post_tags GROUP BY post_id) c"))
        .isGreaterThan(1);
  }

  @Test
  void keys_and_foreign_keys_are_declared() throws SQLException {
    assertThat(
            strings(
                database,
                "SELECT conrelid::regclass || ':' || contype FROM pg_constraint"
                    + " WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u') ORDER BY 1"))
        .containsExactly(
            "ipn:f",
            "ipn:p",
            "orders:f",
            "orders:p",
            "post_tags:f",
            "post_tags:f",
            "post_tags:p",
            "posts:f",
            "posts:p",
            "tags:p",
            "tags:u",
            "users:p",
            "users:u");
  }

  @Test
  void refuses_a_total_too_small_for_every_table() {
    assertThatThrownBy(() -> QueryfeedSize.ofTotal(999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1000");
  }

  @Test
  void the_split_adds_up_at_benchmark_scales() {
    for (QueryfeedSize.Mix mix : QueryfeedSize.Mix.values()) {
      for (long total :
          new long[] {QueryfeedSize.MINIMUM_TOTAL, 100_000, 1_000_000, 5_000_000, 1_234_567}) {
        assertThat(QueryfeedSize.of(total, mix).total()).as(mix + " " + total).isEqualTo(total);
      }
    }
  }

  @Test
  void the_links_mix_is_mostly_bridge_rows_with_several_distinct_tags_per_post()
      throws SQLException {
    DataSource links = EmbeddedPostgresServer.shared().createDatabase("queryfeed_links");
    QueryfeedSize size = QueryfeedSize.of(ROWS, QueryfeedSize.Mix.LINKS);
    QueryfeedDatabase.create(links, size, QueryfeedDatabase.DEFAULT_SEED);

    assertHolds(links, size);
    assertThat(size.postTags()).isGreaterThan(ROWS / 2);
    assertThat(
            single(
                links, "SELECT min(n) FROM (SELECT count(*) n FROM post_tags GROUP BY post_id) c"))
        .isGreaterThanOrEqualTo(5);
  }

  /** Every table holds rows, as many as the size says, and they add up to {@link #ROWS}. */
  private static void assertHolds(DataSource source, QueryfeedSize size) throws SQLException {
    long total = 0;
    for (String table : QueryfeedDatabase.TABLES) {
      long rows = single(source, "SELECT count(*) FROM " + table);
      assertThat(rows).as(table).isEqualTo(size.rows(table)).isPositive();
      total += rows;
    }
    assertThat(total).isEqualTo(ROWS);
  }

  private Set<String> distinct(String table, String column) throws SQLException {
    return new TreeSet<>(
        strings(
            database,
            "SELECT DISTINCT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL"));
  }

  /** An md5 of each table's rows in text form. */
  private static Map<String, String> checksums(DataSource source) throws SQLException {
    Map<String, String> checksums = new LinkedHashMap<>();
    for (String table : QueryfeedDatabase.TABLES) {
      checksums.put(
          table,
          strings(
                  source,
                  "SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM " + table + " t")
              .get(0));
    }
    return checksums;
  }

  private static long single(DataSource source, String sql) throws SQLException {
    return Long.parseLong(strings(source, sql).get(0));
  }

  private static List<String> strings(DataSource source, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        values.add(row.getString(1));
      }
    }
    return values;
  }
}
