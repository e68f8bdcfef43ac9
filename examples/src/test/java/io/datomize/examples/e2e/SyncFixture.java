package io.datomize.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import datomic.Peer;
import io.datomize.Migration;
import io.datomize.datomic.DatomicTarget;
import io.datomize.jdbc.PostgresSource;
import io.datomize.mapping.Mappings;
import io.datomize.model.EntityMapping;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import io.datomize.target.Attribute;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * A source migrated by the mapping conventions derive, and what the sync tests compare a synced
 * target with: a dump of a fresh migration of the source as it is now.
 */
record SyncFixture(DataSource database, RunOptions options) {

  Migration.Mapped migration() {
    return Migration.from(PostgresSource.builder().dataSource(database).build())
        .mapping(schema -> Mappings.conventions(schema).build())
        .options(options);
  }

  SyncFixture with(RunOptions other) {
    return new SyncFixture(database, other);
  }

  /** The dump of a fresh migration of the source as it is now into an empty database. */
  SortedSet<String> fresh() {
    String uri = uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport report =
          with(RunOptions.builder().from(options).watermarks(java.util.Map.of()).build())
              .migration()
              .to(target)
              .run();
      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(report.rowsRejected()).as(report.summary()).isZero();
    }
    return dump(uri);
  }

  SortedSet<String> dump(String uri) {
    return DatomicDump.of(uri, identities());
  }

  List<Attribute> identities() {
    return Mappings.conventions(PostgresSource.builder().dataSource(database).build().readSchema())
        .build()
        .entities()
        .stream()
        .map(EntityMapping::identity)
        .map(i -> i.attribute())
        .toList();
  }

  void execute(String... statements) {
    execute(database, statements);
  }

  /** Runs statements on a database, each in its own transaction. */
  static void execute(DataSource database, String... statements) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs one statement and returns the number of rows it changed. */
  int update(String sql) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  long count(String sql) {
    return SourceCounts.count(database, sql);
  }

  static String uri() {
    return "datomic:mem://sync-" + UUID.randomUUID();
  }

  static long basisT(String uri) {
    return Peer.connect(uri).db().basisT();
  }

  static StepReport step(MigrationReport report, String stepId) {
    return report.steps().stream()
        .filter(s -> s.stepId().equals(stepId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + stepId + " in\n" + report.summary()));
  }

  static long sum(MigrationReport report, ToLongFunction<StepReport> f) {
    return report.steps().stream().mapToLong(f).sum();
  }
}
