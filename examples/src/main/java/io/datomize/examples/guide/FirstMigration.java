package io.datomize.examples.guide;

// spotless:off
// tag::program[]
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.mapping.Mappings;
import io.datomize.report.MigrationReport;

/** Migrates a whole PostgreSQL database into Datomic, mapped by convention. */
public final class FirstMigration {
  /** Arguments: a PostgreSQL JDBC URL, its user and a Datomic URI; the password comes from PGPASSWORD. */
  public static void main(String[] args) {
    try (PostgresSource source = PostgresSource.builder()
            .url(args[0]).user(args[1]).password(System.getenv("PGPASSWORD"))
            .build();
        DatomicTarget target = DatomicTarget.builder().uri(args[2]).build()) {
      MigrationReport report = Migration.from(source)
          .mapping(schema -> Mappings.conventions(schema).build())
          .to(target)
          .run();  // report.json, and the rejected rows if any, go to datomize-runs/<run id>/
      System.out.print(report.summary());
    } finally {
      DatomicTarget.shutdownPeer();  // else the Peer's threads keep the JVM alive for a minute after main
    }
  }
}
// end::program[]
// spotless:on
