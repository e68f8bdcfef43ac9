package io.datomize.examples.queryfeed;

import java.sql.SQLException;
import java.util.UUID;

/** Writes each table's rows; every table draws from its own seeded sequence. */
final class QueryfeedRows {
  private static final long EPOCH_2015 = 1_420_070_400L;
  private static final long EIGHT_YEARS = 8L * 365 * 24 * 3600;
  private static final long DAY = 24 * 3600;

  private static final String[] GENDERS = {"male", "female", "other"};
  private static final String[] SOURCES = {"facebook", "google", "twitter", "email"};
  private static final String[] LANGUAGES = {"en", "de", "fr", "es", "pt"};
  private static final String[] DOMAINS = {"example.com", "mail.example.org", "queryfeed.test"};
  private static final String[] STATUSES = {"active", "suspended", "deleted"};
  private static final String[] ORDER_STATES = {"pending", "paid", "shipped", "cancelled"};
  private static final String[] CURRENCIES = {"USD", "EUR", "GBP"};
  private static final String[] PAYMENT_STATUSES = {"Completed", "Pending", "Refunded"};

  private final QueryfeedSize size;
  private final long seed;

  QueryfeedRows(QueryfeedSize size, long seed) {
    this.size = size;
    this.seed = seed;
  }

  long users(CopyText out) throws SQLException {
    Draw draw = new Draw(seed, 1);
    for (long id = 1; id <= size.users(); id++) {
      String first = draw.chance(0.05) ? null : draw.firstName();
      String last = draw.chance(0.08) ? null : draw.lastName();
      String localPart =
          (first == null ? "user" : first.toLowerCase())
              + "."
              + (last == null ? "x" : initial(last));
      out.value(id)
          .text(localPart + id + "@" + draw.pick(DOMAINS))
          .text(first)
          .text(last)
          .text(draw.chance(0.2) ? null : weighted(draw, GENDERS, 0.45, 0.90))
          .text(draw.chance(0.15) ? null : draw.pick(SOURCES))
          .text(weighted(draw, STATUSES, 0.85, 0.95))
          .text(draw.chance(0.7) ? null : "https://www." + draw.word() + id + ".example.net/")
          .uuid(draw.chance(0.3) ? null : draw.uuid())
          .text(draw.passwordHash())
          .timestamp(draw.chance(0.02) ? null : instant(draw), true)
          .text(draw.chance(0.6) ? null : draw.words(5, 25, true))
          .endRow();
    }
    return out.finish();
  }

  long tags(CopyText out) throws SQLException {
    Draw draw = new Draw(seed, 2);
    for (long id = 1; id <= size.tags(); id++) {
      out.value(id)
          .text(draw.word() + "-" + id)
          .text(draw.chance(0.5) ? null : draw.words(3, 10, true))
          .timestamp(instant(draw), true)
          .endRow();
    }
    return out.finish();
  }

  long posts(CopyText out) throws SQLException {
    Draw draw = new Draw(seed, 3);
    for (long id = 1; id <= size.posts(); id++) {
      long created = instant(draw);
      out.value(id)
          .value(draw.between(1, size.users()))
          .text(draw.words(3, 8, true))
          .text(draw.chance(0.1) ? null : draw.words(20, 60, true))
          .timestamp(draw.chance(0.25) ? null : created + draw.between(0, 7 * DAY), true)
          .value((long) (Math.pow(draw.fraction(), 3) * 100_000))
          .value(draw.fraction() * 10)
          .value(draw.chance(0.02))
          .text(draw.chance(0.3) ? null : draw.pick(LANGUAGES))
          .timestamp(created, true)
          .endRow();
    }
    return out.finish();
  }

  /**
   * Every tenth post has no tags; the others share the bridge rows evenly (one or two each at the
   * usual split), each post's tags consecutive from a random start so they are distinct.
   */
  long postTags(CopyText out) throws SQLException {
    Draw draw = new Draw(seed, 4);
    long tagged = size.posts() - size.posts() / 10;
    long links = size.postTags();
    long rank = 0;
    for (long post = 1; post <= size.posts(); post++) {
      if (post % 10 == 0) {
        continue;
      }
      long count = (rank + 1) * links / tagged - rank * links / tagged;
      rank++;
      long start = draw.between(0, size.tags() - 1);
      for (long i = 0; i < count; i++) {
        out.value(post).value((start + i) % size.tags() + 1).endRow();
      }
    }
    return out.finish();
  }

  long orders(CopyText out) throws SQLException {
    Draw draw = new Draw(seed, 5);
    for (long id = 1; id <= size.orders(); id++) {
      long created = instant(draw);
      String state = weighted(draw, ORDER_STATES, 0.15, 0.50, 0.90);
      out.value(id)
          .value(draw.between(1, size.users()))
          .text(state)
          .cents(draw.between(100, 50_000))
          .text(weighted(draw, CURRENCIES, 0.60, 0.85))
          .value(draw.between(1, 10))
          .text(draw.chance(0.8) ? null : draw.words(2, 12, true))
          .timestamp(created, true)
          .timestamp("shipped".equals(state) ? created + draw.between(DAY, 10 * DAY) : null, true)
          .endRow();
    }
    return out.finish();
  }

  long ipn(CopyText out) throws SQLException {
    Draw draw = new Draw(seed, 6);
    for (long id = 1; id <= size.ipn(); id++) {
      UUID txn = draw.uuid();
      long cents = draw.between(100, 50_000);
      out.value(id)
          .text(draw.chance(0.1) ? null : Long.toString(draw.between(1, size.orders())))
          .uuid(txn)
          .text(
              "{\"txn_id\": \""
                  + txn
                  + "\", \"payment_status\": \""
                  + weighted(draw, PAYMENT_STATUSES, 0.8, 0.95)
                  + "\", \"mc_gross\": \""
                  + cents / 100
                  + "."
                  + (cents % 100 < 10 ? "0" : "")
                  + cents % 100
                  + "\", \"mc_currency\": \"USD\", \"payer_email\": \"payer"
                  + draw.between(1, size.users())
                  + "@example.com\"}")
          .value(draw.chance(0.9))
          .timestamp(instant(draw), false)
          .endRow();
    }
    return out.finish();
  }

  private static long instant(Draw draw) {
    return EPOCH_2015 + draw.between(0, EIGHT_YEARS);
  }

  private static String initial(String name) {
    return name.substring(0, 1).toLowerCase();
  }

  /**
   * The first value whose cumulative bound exceeds a uniform draw; the last value takes the rest.
   */
  private static String weighted(Draw draw, String[] values, double... cumulative) {
    double x = draw.fraction();
    for (int i = 0; i < cumulative.length; i++) {
      if (x < cumulative[i]) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
