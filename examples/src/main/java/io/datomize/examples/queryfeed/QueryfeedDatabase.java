package io.datomize.examples.queryfeed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The Queryfeed sample database: the blog/social schema of the Queryfeed story (users, posts, tags,
 * the {@code post_tags} bridge, orders, PayPal-style {@code ipn} notifications), filled by a
 * deterministic generator.
 *
 * <p>The same total and seed always give the same rows. Rows are streamed with {@code COPY ... FROM
 * STDIN}, and keys and foreign keys are added after the load, which is how PostgreSQL loads
 * fastest.
 */
public final class QueryfeedDatabase {
  /** Rows of the example migration. */
  public static final long DEFAULT_ROWS = 100_000;

  public static final long DEFAULT_SEED = 20_150_101L;

  /** The tables, parents before children. */
  public static final List<String> TABLES =
      List.of("users", "tags", "posts", "post_tags", "orders", "ipn");

  private static final List<String> SCHEMA =
      List.of(
          "CREATE TYPE user_status AS ENUM ('active', 'suspended', 'deleted')",
          "CREATE TYPE order_state AS ENUM ('pending', 'paid', 'shipped', 'cancelled')",
          """
      CREATE TABLE users (
        id            bigint NOT NULL,
        email         text NOT NULL,
        first_name    text,
        last_name     text,
        gender        varchar(10) CHECK (gender IN ('male', 'female', 'other')),
        source        varchar(10) CHECK (source IN ('facebook', 'google', 'twitter', 'email')),
        status        user_status NOT NULL,
        website       text,
        external_id   text,
        password_hash text NOT NULL,
        created_at    timestamptz,
        bio           text
      )""",
          """
      CREATE TABLE tags (
        id          bigint NOT NULL,
        name        text NOT NULL,
        description text,
        created_at  timestamptz NOT NULL
      )""",
          """
      CREATE TABLE posts (
        id           bigint NOT NULL,
        user_id      bigint NOT NULL,
        title        text NOT NULL,
        body         text,
        published_at timestamptz,
        views        integer NOT NULL,
        score        double precision NOT NULL,
        pinned       boolean NOT NULL,
        language     char(2),
        created_at   timestamptz NOT NULL
      )""",
          """
      CREATE TABLE post_tags (
        post_id bigint NOT NULL,
        tag_id  bigint NOT NULL
      )""",
          """
      CREATE TABLE orders (
        id         bigint NOT NULL,
        user_id    bigint NOT NULL,
        state      order_state NOT NULL,
        total      numeric(12, 2) NOT NULL,
        currency   char(3) NOT NULL,
        item_count integer NOT NULL,
        note       text,
        created_at timestamptz NOT NULL,
        shipped_at timestamptz
      )""",
          """
      CREATE TABLE ipn (
        id          bigint NOT NULL,
        order_id    bigint,
        txn_id      uuid NOT NULL,
        payload     jsonb NOT NULL,
        verified    boolean NOT NULL,
        received_at timestamp NOT NULL
      )""");

  private static final List<String> CONSTRAINTS =
      List.of(
          "ALTER TABLE users ADD PRIMARY KEY (id), ADD UNIQUE (email)",
          "ALTER TABLE tags ADD PRIMARY KEY (id), ADD UNIQUE (name)",
          "ALTER TABLE posts ADD PRIMARY KEY (id), ADD FOREIGN KEY (user_id) REFERENCES users (id)",
          "ALTER TABLE post_tags ADD PRIMARY KEY (post_id, tag_id),"
              + " ADD FOREIGN KEY (post_id) REFERENCES posts (id), ADD FOREIGN KEY (tag_id) REFERENCES tags (id)",
          "ALTER TABLE orders ADD PRIMARY KEY (id), ADD FOREIGN KEY (user_id) REFERENCES users (id)",
          "ALTER TABLE ipn ADD PRIMARY KEY (id), ADD FOREIGN KEY (order_id) REFERENCES orders (id)",
          "ANALYZE");

  private QueryfeedDatabase() {}

  /**
   * Creates the schema in the database's default schema and fills it with {@link #DEFAULT_SEED}.
   */
  public static QueryfeedSize create(DataSource database, long totalRows) {
    return create(database, totalRows, DEFAULT_SEED);
  }

  /**
   * Creates the schema in the database's default schema (which must not hold these tables yet) and
   * fills it with {@code totalRows} rows, split as {@link QueryfeedSize#ofTotal(long)} says, in one
   * transaction.
   */
  public static QueryfeedSize create(DataSource database, long totalRows, long seed) {
    return create(database, QueryfeedSize.ofTotal(totalRows), seed);
  }

  /**
   * Creates the schema in the database's default schema (which must not hold these tables yet) and
   * fills it with rows as {@code size} says, in one transaction.
   */
  public static QueryfeedSize create(DataSource database, QueryfeedSize size, long seed) {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, SCHEMA);
      fill(connection.unwrap(PGConnection.class).getCopyAPI(), size, seed);
      execute(connection, CONSTRAINTS.subList(0, CONSTRAINTS.size() - 1));
      connection.commit();
      // ANALYZE inside the load transaction would not see committed statistics; run it after
      connection.setAutoCommit(true);
      execute(connection, CONSTRAINTS.subList(CONSTRAINTS.size() - 1, CONSTRAINTS.size()));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create the Queryfeed database: " + e.getMessage(), e);
    }
    return size;
  }

  private static void fill(CopyManager copy, QueryfeedSize size, long seed) throws SQLException {
    QueryfeedRows rows = new QueryfeedRows(size, seed);
    check(
        "users",
        rows.users(
            new CopyText(
                copy.copyIn(
                    copyInto(
                        "users",
                        "id, email, first_name, last_name, gender, source, status, website, external_id, password_hash,"
                            + " created_at, bio")))),
        size);
    check(
        "tags",
        rows.tags(new CopyText(copy.copyIn(copyInto("tags", "id, name, description, created_at")))),
        size);
    check(
        "posts",
        rows.posts(
            new CopyText(
                copy.copyIn(
                    copyInto(
                        "posts",
                        "id, user_id, title, body, published_at, views, score, pinned, language, created_at")))),
        size);
    check(
        "post_tags",
        rows.postTags(new CopyText(copy.copyIn(copyInto("post_tags", "post_id, tag_id")))),
        size);
    check(
        "orders",
        rows.orders(
            new CopyText(
                copy.copyIn(
                    copyInto(
                        "orders",
                        "id, user_id, state, total, currency, item_count, note, created_at, shipped_at")))),
        size);
    check(
        "ipn",
        rows.ipn(
            new CopyText(
                copy.copyIn(
                    copyInto("ipn", "id, order_id, txn_id, payload, verified, received_at")))),
        size);
  }

  private static String copyInto(String table, String columns) {
    return "COPY " + table + " (" + columns + ") FROM STDIN";
  }

  // the generator computes each table's count on its own; a mismatch would silently skew every
  // benchmark figure
  private static void check(String table, long copied, QueryfeedSize size) {
    if (copied != size.rows(table)) {
      throw new IllegalStateException(
          "the generator wrote "
              + copied
              + " rows into "
              + table
              + " instead of "
              + size.rows(table));
    }
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
