package io.datomize.examples.guide;

import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;
import io.datomize.run.RunOptions;
import java.nio.file.Path;

/** The guide's first migration: a whole database by convention. */
public final class FirstMigration {
  private FirstMigration() {}

  /**
   * Arguments: a PostgreSQL JDBC URL, its user and a Datomic URI; the password comes from {@code
   * PGPASSWORD}.
   */
  // spotless:off
  // tag::main[]
  public static void main(String[] args) {
    try {
      migrate(args[0], args[1], System.getenv("PGPASSWORD"), args[2], Path.of("datomize-runs"));
    } finally {
      DatomicTarget.shutdownPeer();  // else the Peer's threads keep the JVM alive for a minute after main
    }
  }
  // end::main[]
  // spotless:on

  public static MigrationReport migrate(
      String jdbcUrl, String user, String password, String datomicUri, Path runs) {
    // spotless:off
    // tag::first-migration[]
    try (PostgresSource source = PostgresSource.builder()
            .url(jdbcUrl).user(user).password(password)
            .build();
        DatomicTarget target = DatomicTarget.builder().uri(datomicUri).build()) {
      MigrationReport report = Migration.from(source)
          .mapping(schema -> Mappings.conventions(schema).build())
          .options(RunOptions.builder().runDirectory(runs).build())  // where report.json and rejected rows go
          .to(target)
          .run();
      System.out.print(report.summary());
      return report;
    }
    // end::first-migration[]
    // spotless:on
  }
}
