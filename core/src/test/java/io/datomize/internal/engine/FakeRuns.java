package io.datomize.internal.engine;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.mapping.Mappings;
import io.datomize.plan.Plan;
import io.datomize.plan.Planner;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.RunOptions;
import io.datomize.spi.RowSource;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.testing.InMemorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs of the engine on the in-memory fakes, with a plan of the conventions: an {@code item} table
 * ({@code :item/id}, {@code :item/name}) and an {@code order} table whose {@code item_id} becomes
 * the ref {@code :order/item}.
 */
final class FakeRuns {
  static final TableName ITEMS = TableName.of("public", "item");
  static final TableName ORDERS = TableName.of("public", "order");
  static final Attribute ITEM_ID = Attribute.of("item", "id");
  static final Attribute ITEM_NAME = Attribute.of("item", "name");
  static final Attribute ORDER_ID = Attribute.of("order", "id");
  static final Attribute ORDER_ITEM = Attribute.of("order", "item");
  static final String LOAD_ITEMS = "load public.item";

  private FakeRuns() {}

  static Table items() {
    return Table.builder()
        .name(ITEMS)
        .primaryKey(List.of("id"))
        .addColumns(
            column("id", "bigint", TypeFamily.INTEGER, false),
            column("name", "text", TypeFamily.TEXT, true))
        .build();
  }

  static Table orders() {
    return Table.builder()
        .name(ORDERS)
        .primaryKey(List.of("id"))
        .addColumns(
            column("id", "bigint", TypeFamily.INTEGER, false),
            column("item_id", "bigint", TypeFamily.INTEGER, true))
        .addForeignKeys(ForeignKey.of("order_item_fk", List.of("item_id"), ITEMS, List.of("id")))
        .build();
  }

  static LookupRef item(long id) {
    return LookupRef.of(ITEM_ID, id);
  }

  static Plan plan(InMemorySource source) {
    SourceSchema schema = source.readSchema();
    return Planner.plan(schema, Mappings.conventions(schema).build());
  }

  /** The one place that gives the engine its settings; rows go in batches of {@code batchSize}. */
  static MigrationRun engine(
      Plan plan,
      RowSource source,
      TargetSink target,
      ErrorPolicy policy,
      Path runDirectory,
      int batchSize,
      int inFlight) {
    return new MigrationRun(
        plan,
        source,
        target,
        RunOptions.builder()
            .errorPolicy(policy)
            .runDirectory(runDirectory)
            .batchSize(batchSize)
            .transactionsInFlight(inFlight)
            .verify(false)
            .build());
  }

  static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("datomize-engine-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Column column(String name, String sqlType, TypeFamily family, boolean nullable) {
    return Column.of(name, ColumnType.of(sqlType, family), nullable);
  }
}
