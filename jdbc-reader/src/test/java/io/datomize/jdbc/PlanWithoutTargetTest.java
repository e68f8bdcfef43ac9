package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.Migration;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.jdbc.testing.TestDatabase;
import io.datomize.mapping.Mappings;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.run.RunOptions;
import org.junit.jupiter.api.Test;

/**
 * A migration plans from its source and mapping alone: this module has no Datomic on its class
 * path, so no connection to one can be made, and the plan still comes out whole.
 */
class PlanWithoutTargetTest {
  @Test
  void plans_a_database_with_no_target_at_all() {
    TestDatabase db = EmbeddedPostgresServer.freshDatabase("plan-only");
    db.execute(
        "create table customer (id integer primary key, name text not null)",
        "create table purchase (id integer primary key, customer_id integer not null references customer (id))",
        "insert into customer values (1, 'Ann'), (2, 'Bo'), (3, 'Cy')",
        "insert into purchase values (10, 1), (11, 1), (12, 3)",
        "analyze");

    try (PostgresSource source = PostgresSource.builder().dataSource(db.dataSource()).build()) {
      Plan plan =
          Migration.from(source)
              .mapping(schema -> Mappings.conventions(schema).build())
              .options(RunOptions.builder().batchSize(2).build())
              .plan();

      assertThat(plan.steps(LoadStep.class))
          .extracting(step -> step.table().name())
          .containsExactly("customer", "purchase");
      assertThat(plan.explain()).contains("batch size 2", "~3 rows in 2 batches");
    }
    assertThatThrownBy(() -> Class.forName("datomic.Peer"))
        .as("Datomic is not on this module's class path")
        .isInstanceOf(ClassNotFoundException.class);
  }
}
