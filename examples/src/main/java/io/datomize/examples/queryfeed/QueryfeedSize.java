package io.datomize.examples.queryfeed;

/**
 * How many rows each Queryfeed table holds for a requested total. The split follows a social/blog
 * site: a tenth users, a quarter posts, many tag links, some orders and payment notifications, few
 * tags.
 */
public record QueryfeedSize(
    long users, long tags, long posts, long postTags, long orders, long ipn) {
  /**
   * The smallest total that still gives every table rows and every post at most as many tags as
   * exist.
   */
  public static final long MINIMUM_TOTAL = 1_000;

  public QueryfeedSize {
    if (users < 1 || tags < 1 || posts < 1 || postTags < 1 || orders < 1 || ipn < 1) {
      throw new IllegalArgumentException("every Queryfeed table needs at least one row: " + this);
    }
  }

  /**
   * The split of {@code total} source rows over the tables; the counts add up to {@code total}
   * exactly.
   */
  public static QueryfeedSize ofTotal(long total) {
    if (total < MINIMUM_TOTAL) {
      throw new IllegalArgumentException(
          "a Queryfeed database needs at least "
              + MINIMUM_TOTAL
              + " rows in total, "
              + total
              + " was asked for");
    }
    long users = total / 10;
    long tags = Math.max(10, total / 200);
    long posts = total / 4;
    long postTags = total * 35 / 100;
    long orders = total * 15 / 100;
    long ipn = total - users - tags - posts - postTags - orders;
    return new QueryfeedSize(users, tags, posts, postTags, orders, ipn);
  }

  public long total() {
    return users + tags + posts + postTags + orders + ipn;
  }

  /** Rows of a table by its name in {@link QueryfeedDatabase#TABLES}. */
  public long rows(String table) {
    return switch (table) {
      case "users" -> users;
      case "tags" -> tags;
      case "posts" -> posts;
      case "post_tags" -> postTags;
      case "orders" -> orders;
      case "ipn" -> ipn;
      default -> throw new IllegalArgumentException("'" + table + "' is not a Queryfeed table");
    };
  }
}
