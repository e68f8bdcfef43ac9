package io.datomize.examples.e2e;

import static io.datomize.examples.e2e.SyncFixture.basisT;
import static io.datomize.examples.e2e.SyncFixture.step;
import static io.datomize.examples.e2e.SyncFixture.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.examples.sql.SqlScript;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pagila, loaded by convention and then changed in every way a live source changes, is brought up
 * to date by a sync that equals a fresh migration, and a watermark sync over its {@code
 * last_update} columns (set by its own triggers) reads only the rows changed since the last run.
 * Runs in the acceptance profile, which passes the datasets folder as {@code datomize.datasets}.
 */
class PagilaSyncAcceptanceTest {
  private static final String TEMPLATE = "pagila_sync_template";

  @TempDir Path runs;

  @BeforeAll
  static void loadPagilaOnce() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    server.createDatabase(TEMPLATE);
    SqlScript.Connector connector = database -> server.database(database).getConnection();
    SqlScript.run(datasets().resolve("pagila/pagila-schema.sql"), TEMPLATE, connector);
    SqlScript.run(datasets().resolve("pagila/pagila-data.sql"), TEMPLATE, connector);
  }

  @Test
  void a_sync_after_every_kind_of_change_equals_a_fresh_migration_and_a_second_adds_nothing() {
    SyncFixture pagila = new SyncFixture(copy("pagila_sync_all"), options());
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      MigrationReport load = pagila.migration().to(target).run();
      assertThat(load.succeeded()).as(load.summary()).isTrue();
      long filmsBefore = pagila.count("SELECT count(*) FROM film");
      mutate(pagila);

      MigrationReport sync = pagila.migration().to(target).sync();

      assertThat(sync.succeeded()).as(sync.summary()).isTrue();
      assertThat(sync.rowsRejected()).as(sync.summary()).isZero();
      assertThat(sync.verification()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
      StepReport films = step(sync, "load public.film");
      assertThat(films.rowsInserted()).isEqualTo(2);
      assertThat(films.entitiesDeleted()).isEqualTo(1);
      assertThat(films.rowsRead()).isEqualTo(filmsBefore + 1);
      assertThat(step(sync, "load public.actor").entitiesDeleted()).isEqualTo(1);
      assertThat(step(sync, "load public.payment").entitiesDeleted()).isEqualTo(PAYMENTS_DELETED);
      assertThat(step(sync, "bridge public.film_actor").entitiesDeleted()).isPositive();
      assertThat(step(sync, "bridge public.film_category").rowsInserted()).isPositive();
      assertThat(sum(sync, StepReport::rowsUpdated)).isPositive();
      assertThat(sum(sync, StepReport::datomsRetracted)).isPositive();
      assertThat(pagila.dump(uri)).isEqualTo(pagila.fresh());

      long basis = basisT(uri);
      MigrationReport again = pagila.migration().to(target).sync();
      assertThat(again.succeeded()).as(again.summary()).isTrue();
      assertThat(sum(again, StepReport::rowsInserted) + sum(again, StepReport::rowsUpdated))
          .as(again.summary())
          .isZero();
      assertThat(HardCasesMigrationTest.dataDatomsSince(uri, basis))
          .as("only the run record is transacted")
          .isEmpty();
    }
  }

  @Test
  void a_watermark_sync_reads_the_rows_changed_since_the_last_run_and_those_at_its_watermark() {
    SyncFixture pagila = new SyncFixture(copy("pagila_sync_watermark"), options());
    RunOptions marked =
        RunOptions.builder()
            .from(options())
            .putWatermarks(TableName.of("public", "actor"), "last_update")
            .putWatermarks(TableName.of("public", "film"), "last_update")
            .putWatermarks(TableName.of("public", "customer"), "last_update")
            .build();
    SyncFixture watermarked = pagila.with(marked);
    String uri = SyncFixture.uri();
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      assertThat(watermarked.migration().to(target).run().succeeded()).isTrue();

      // first round: the load's watermark is the data's latest last_update
      long actorsReadAgain = unchangedAtMark(pagila, "actor", "actor_id % 10 = 0");
      long customersReadAgain = unchangedAtMark(pagila, "customer", "customer_id % 25 = 0");
      int actorsChanged =
          pagila.update("UPDATE actor SET first_name = first_name || 'X' WHERE actor_id % 10 = 0");
      int actorsInserted =
          pagila.update(
              "INSERT INTO actor (first_name, last_name) VALUES ('NEW', 'ONE'), ('NEW', 'TWO')");
      int customersChanged =
          pagila.update("UPDATE customer SET email = NULL WHERE customer_id % 25 = 0");

      MigrationReport first = watermarked.migration().to(target).sync();

      assertThat(first.succeeded()).as(first.summary()).isTrue();
      StepReport actorStep = step(first, "load public.actor");
      assertThat(actorStep.rowsRead()).isEqualTo(actorsReadAgain + actorsChanged + actorsInserted);
      assertThat(actorStep.rowsUpdated()).isEqualTo(actorsChanged);
      assertThat(actorStep.rowsInserted()).isEqualTo(actorsInserted);
      StepReport customerStep = step(first, "load public.customer");
      assertThat(customerStep.rowsRead()).isEqualTo(customersReadAgain + customersChanged);
      assertThat(customerStep.rowsUpdated()).isEqualTo(customersChanged);
      assertThat(pagila.dump(uri)).isEqualTo(pagila.fresh());

      // second round: the actors' watermark is now the first round's last change
      long actorsReadAgainSecond = unchangedAtMark(pagila, "actor", "actor_id % 10 = 3");
      long filmsReadAgain = unchangedAtMark(pagila, "film", "film_id IN (7, 8, 9)");
      assertThat(actorsReadAgainSecond).isEqualTo(actorsInserted);
      int actorsChangedAgain =
          pagila.update("UPDATE actor SET last_name = last_name || 'Y' WHERE actor_id % 10 = 3");
      int filmsChanged = pagila.update("UPDATE film SET length = NULL WHERE film_id IN (7, 8, 9)");
      pagila.execute(
          "DELETE FROM film_actor WHERE actor_id = 1", "DELETE FROM actor WHERE actor_id = 1");
      long actors = pagila.count("SELECT count(*) FROM actor");

      MigrationReport second = watermarked.migration().to(target).sync();

      assertThat(second.succeeded()).as(second.summary()).isTrue();
      StepReport actorAgain = step(second, "load public.actor");
      assertThat(actorAgain.rowsRead()).isEqualTo(actorsReadAgainSecond + actorsChangedAgain);
      assertThat(actorAgain.rowsUpdated()).isEqualTo(actorsChangedAgain);
      assertThat(actorAgain.keysChecked()).isEqualTo(actors + 1);
      assertThat(actorAgain.entitiesDeleted()).isEqualTo(1);
      StepReport filmStep = step(second, "load public.film");
      assertThat(filmStep.rowsRead()).isEqualTo(filmsReadAgain + filmsChanged);
      assertThat(filmStep.rowsUpdated()).isEqualTo(filmsChanged);
      assertThat(pagila.dump(uri)).isEqualTo(pagila.fresh());
    }
  }

  private static final int PAYMENTS_DELETED = 5;

  /**
   * Generic SQL over Pagila: new, changed, nulled and re-pointed rows, array elements, bridge links
   * added and removed, a new and a renamed enum label, a new column, and deletes of rows nothing
   * references or whose dependents go first.
   */
  private static void mutate(SyncFixture pagila) {
    pagila.execute(
        // a new column, a new enum label and a renamed one
        "ALTER TABLE actor ADD COLUMN nickname text",
        "UPDATE actor SET nickname = 'nick ' || actor_id WHERE actor_id % 7 = 0",
        "ALTER TYPE mpaa_rating ADD VALUE 'X'",
        "ALTER TYPE mpaa_rating RENAME VALUE 'NC-17' TO 'NC17'",
        "UPDATE film SET rating = 'X' WHERE film_id % 50 = 0",
        // new rows, one of them linked through both bridges
        "INSERT INTO actor (first_name, last_name) VALUES ('NEW', 'ACTOR')",
        "INSERT INTO film (title, language_id, special_features)"
            + " VALUES ('NEW FILM', 1, ARRAY['Trailers']), ('OTHER FILM', 2, NULL)",
        "INSERT INTO film_actor (actor_id, film_id) SELECT max(a.actor_id), max(f.film_id)"
            + " FROM actor a, film f",
        "INSERT INTO film_category (film_id, category_id)"
            + " SELECT film_id, 3 FROM film WHERE title = 'NEW FILM'",
        // changed, nulled and re-pointed values
        "UPDATE film SET description = NULL, length = NULL WHERE film_id % 9 = 0",
        "UPDATE film SET original_language_id = 3 WHERE film_id % 11 = 0",
        "UPDATE film SET original_language_id = NULL WHERE film_id % 22 = 0",
        "UPDATE film SET rental_rate = rental_rate + 1 WHERE film_id % 13 = 0",
        "UPDATE customer SET email = NULL WHERE customer_id % 8 = 0",
        "UPDATE customer SET address_id = address_id + 1 WHERE customer_id % 31 = 0",
        "UPDATE rental SET return_date = NULL WHERE rental_id % 97 = 0",
        "UPDATE address SET address2 = NULL, postal_code = '00000' WHERE address_id % 19 = 0",
        // array elements added and removed
        "UPDATE film SET special_features = array_append(special_features, 'Commentaries')"
            + " WHERE film_id % 6 = 0 AND NOT 'Commentaries' = ANY(special_features)",
        "UPDATE film SET special_features = array_remove(special_features, 'Trailers')"
            + " WHERE film_id % 5 = 0",
        "UPDATE film SET special_features = NULL WHERE film_id % 37 = 0",
        // bridge links added and removed
        "DELETE FROM film_actor WHERE film_id % 4 = 0 AND actor_id % 3 = 0",
        "INSERT INTO film_actor (actor_id, film_id) SELECT 1, film_id FROM film"
            + " WHERE film_id % 10 = 0 ON CONFLICT DO NOTHING",
        "DELETE FROM film_category WHERE film_id % 12 = 0",
        "INSERT INTO film_category (film_id, category_id) SELECT film_id, 1 FROM film"
            + " WHERE film_id % 12 = 0",
        // deletes: payments nothing references, an actor and a film after their dependents
        "DELETE FROM payment WHERE payment_id IN"
            + " (SELECT payment_id FROM payment ORDER BY payment_id LIMIT "
            + PAYMENTS_DELETED
            + ")",
        "DELETE FROM film_actor WHERE actor_id = 2",
        "DELETE FROM actor WHERE actor_id = 2",
        "DELETE FROM film_actor WHERE film_id = (SELECT min(film_id) FROM film f"
            + " WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id))",
        "DELETE FROM film_category WHERE film_id = (SELECT min(film_id) FROM film f"
            + " WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id))",
        "DELETE FROM film WHERE film_id = (SELECT min(film_id) FROM film f"
            + " WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id))");
  }

  /**
   * The rows a watermark read takes again though the change about to be made leaves them alone:
   * those at the table's greatest {@code last_update} (the watermark a run records) or without one.
   */
  private static long unchangedAtMark(SyncFixture pagila, String table, String changed) {
    return pagila.count(
        "SELECT count(*) FROM "
            + table
            + " WHERE NOT ("
            + changed
            + ") AND (last_update IS NULL"
            + " OR last_update = (SELECT max(last_update) FROM "
            + table
            + "))");
  }

  private RunOptions options() {
    return RunOptions.builder().runDirectory(runs).build();
  }

  /** A copy of the loaded Pagila, made by PostgreSQL from the template database. */
  private static DataSource copy(String name) {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    try (Connection connection = server.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return server.database(name);
  }

  private static Path datasets() {
    String folder = System.getProperty("datomize.datasets");
    if (folder == null || !Files.isDirectory(Path.of(folder, "pagila"))) {
      throw new IllegalStateException(
          "the acceptance tests need the sample databases: run with"
              + " -Ddatomize.datasets=<folder with pagila/> (got "
              + folder
              + ")");
    }
    return Path.of(folder);
  }
}
