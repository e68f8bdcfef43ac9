package io.datomize.examples.queryfeed;

import java.util.SplittableRandom;
import java.util.UUID;

/** Seeded random choices for the generator: the same seed gives the same sequence on every JVM. */
final class Draw {
  private static final String[] WORDS = {
    "query", "feed", "stream", "datom", "index", "ledger", "graph", "signal", "vector", "cursor",
        "buffer",
    "schema", "kernel", "socket", "packet", "thread", "lambda", "module", "record", "object",
        "market", "garden",
    "harbor", "forest", "river", "summit", "canyon", "meadow", "island", "valley", "travel",
        "coffee", "recipe",
    "camera", "guitar", "soccer", "chess", "poetry", "cinema", "design", "finance", "health",
        "science", "history",
    "music", "nature", "sports", "fashion", "startup", "privacy", "climate", "energy", "robot",
        "space", "ocean"
  };
  private static final String[] FIRST_NAMES = {
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Barbara",
    "Ken",
    "Margaret",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "Donald",
    "Katherine",
    "John",
    "Hedy",
    "Tim",
    "Shafi",
    "Leslie",
    "Sophie",
    "Rich",
    "Mary",
    "Guido",
    "Anita",
    "James",
    "Joan",
    "Bjarne",
    "Lynn",
    "Niklaus",
    "Karen",
    "Yukihiro",
    "Adele",
    "Brian",
    "Ivan",
    "Carol"
  };
  private static final String[] LAST_NAMES = {
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Liskov",
    "Thompson",
    "Hamilton",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Knuth",
    "Johnson",
    "McCarthy",
    "Lamarr",
    "Berners-Lee",
    "Goldwasser",
    "Lamport",
    "Wilson",
    "Hickey",
    "Keller",
    "van Rossum",
    "Borg",
    "Gosling",
    "Clarke",
    "Stroustrup",
    "Conway",
    "Wirth",
    "Jones",
    "Matsumoto",
    "Goldberg",
    "Kernighan",
    "Sutherland",
    "Shaw"
  };
  private static final char[] BCRYPT_ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final SplittableRandom random;

  Draw(long seed, int stream) {
    // one independent sequence per table, so a table's rows do not depend on how many rows the
    // others drew
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** A whole number in [from, to]. */
  long between(long from, long to) {
    return from + random.nextLong(to - from + 1);
  }

  double fraction() {
    return random.nextDouble();
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  String word() {
    return pick(WORDS);
  }

  String firstName() {
    return pick(FIRST_NAMES);
  }

  String lastName() {
    return pick(LAST_NAMES);
  }

  /**
   * Between {@code min} and {@code max} words, separated by spaces; the first capitalised when
   * asked.
   */
  String words(int min, int max, boolean sentence) {
    int count = (int) between(min, max);
    StringBuilder text = new StringBuilder(count * 8);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(' ');
      }
      String word = word();
      if (i == 0 && sentence) {
        text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
      } else {
        text.append(word);
      }
    }
    return text.toString();
  }

  /** A random (version 4) UUID drawn from the seeded sequence. */
  UUID uuid() {
    long high = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /** Looks like a bcrypt hash: {@code $2a$10$} and 53 characters. */
  String passwordHash() {
    StringBuilder hash = new StringBuilder(60).append("$2a$10$");
    for (int i = 0; i < 53; i++) {
      hash.append(BCRYPT_ALPHABET[random.nextInt(BCRYPT_ALPHABET.length)]);
    }
    return hash.toString();
  }
}
