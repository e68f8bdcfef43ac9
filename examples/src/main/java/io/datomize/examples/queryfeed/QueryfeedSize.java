package io.datomize.examples.queryfeed;

/**
 * How many rows each Queryfeed table holds for a requested total, split by a {@link Mix}: by
 * default that of a social/blog site.
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
   * How the rows are shared out. Which one a load meets changes how much a bulk load gains: a
   * bridge row is one datom with two references, an entity row many plain values and one identity.
   */
  public enum Mix {
    /**
     * A social/blog site: a tenth users, a quarter posts, many tag links, some orders and payment
     * notifications, few tags.
     */
    SOCIAL(200, 25, 35, 15),
    /**
     * Mostly links: the tag links are 70% of the rows, about five per tagged post; a tenth users,
     * 15% posts, few orders, payment notifications and tags.
     */
    LINKS(100, 15, 70, 2);

    private final long rowsPerTag;
    private final long postsPercent;
    private final long postTagsPercent;
    private final long ordersPercent;

    Mix(long rowsPerTag, long postsPercent, long postTagsPercent, long ordersPercent) {
      this.rowsPerTag = rowsPerTag;
      this.postsPercent = postsPercent;
      this.postTagsPercent = postTagsPercent;
      this.ordersPercent = ordersPercent;
    }
  }

  /**
   * The {@link Mix#SOCIAL} split of {@code total} source rows over the tables; the counts add up to
   * {@code total} exactly.
   */
  public static QueryfeedSize ofTotal(long total) {
    return of(total, Mix.SOCIAL);
  }

  /** The split of {@code total} source rows; the counts add up to {@code total} exactly. */
  public static QueryfeedSize of(long total, Mix mix) {
    if (total < MINIMUM_TOTAL) {
      throw new IllegalArgumentException(
          "a Queryfeed database needs at least "
              + MINIMUM_TOTAL
              + " rows in total, "
              + total
              + " was asked for");
    }
    long users = total / 10;
    long tags = Math.max(10, total / mix.rowsPerTag);
    long posts = total * mix.postsPercent / 100;
    long postTags = total * mix.postTagsPercent / 100;
    long orders = total * mix.ordersPercent / 100;
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
