package io.datomize.examples.guide;

import io.datomize.mapping.Mappings;
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.report.MigrationReport;
import io.datomize.spi.TargetSink;
import java.nio.file.Path;

/** The guide's first migration: a whole database by convention. */
public final class FirstMigration {
  private FirstMigration() {}

  public static MigrationReport migrate(String jdbcUrl, String user, String password, String datomicUri,
      Path runs) {
    // tag::first-migration[]
    try (PostgresSource source = PostgresSource.builder()
            .url(jdbcUrl).user(user).password(password)
            .build();
        TargetSink target = DatomicTarget.builder().uri(datomicUri).build()) {
      MigrationReport report = Migration.from(source).to(target)
          .mapping(schema -> Mappings.conventions(schema).build())
          .runDirectory(runs)   // where report.json and rejected rows go
          .run();
      System.out.print(report.summary());
      return report;
    }
    // end::first-migration[]
  }
}
