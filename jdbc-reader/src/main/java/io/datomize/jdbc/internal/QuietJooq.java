package io.datomize.jdbc.internal;

/**
 * Keeps jOOQ's banner, tip of the day and dialect-version warning out of the users' logs. jOOQ
 * renders our SQL and quotes identifiers; its open-source edition certifies only the newest
 * PostgreSQL versions and warns about older ones, which Datomize reads through the catalog and SQL
 * that every supported version has (see the reader's docs for the versions tested). A setting the
 * user made is kept.
 */
public final class QuietJooq {
  private QuietJooq() {}

  /** Takes effect when called before jOOQ's classes are first used. */
  public static void apply() {
    System.getProperties().putIfAbsent("org.jooq.no-logo", "true");
    System.getProperties().putIfAbsent("org.jooq.no-tips", "true");
    System.getProperties()
        .putIfAbsent("org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport", "ERROR");
  }
}
