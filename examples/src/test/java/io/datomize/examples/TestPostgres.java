package io.datomize.examples;

/** One embedded PostgreSQL server per test JVM, started on first use and stopped when the JVM exits. */
public final class TestPostgres {
  private static EmbeddedPostgresServer server;

  private TestPostgres() {}

  public static synchronized EmbeddedPostgresServer server() {
    if (server == null) {
      server = EmbeddedPostgresServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-embedded-postgres"));
    }
    return server;
  }
}
