package io.datomize;

import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.internal.engine.MigrationRun;
import io.datomize.mapping.MappingProblem;
import io.datomize.mapping.MappingValidationException;
import io.datomize.mapping.Mappings;
import io.datomize.model.Mapping;
import io.datomize.plan.Plan;
import io.datomize.plan.PlanOptions;
import io.datomize.plan.Planner;
import io.datomize.report.FollowReport;
import io.datomize.report.MigrationReport;
import io.datomize.run.FollowOptions;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.spi.ChangeSource;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceCatalog;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import io.datomize.verify.VerificationReport;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A migration in the order one thinks of it: a source and a mapping make a plan, which needs no
 * target; a target then runs it.
 *
 * <pre>{@code
 * Migration.Mapped migration = Migration.from(postgres)
 *     .mapping(schema -> Mappings.conventions(schema).build())
 *     .options(RunOptions.builder().batchSize(1_000).errorPolicy(ErrorPolicy.maxRejects(100)).build());
 * String review = migration.plan().explain();             // no Datomic needed
 * MigrationReport report = migration.to(datomic).run();
 * }</pre>
 *
 * <p>Each stage is an immutable value: an option returns a changed copy, so a stage can be shared
 * and reused.
 */
public final class Migration {
  private Migration() {}

  /** Reads the schema and the rows from one source, such as the PostgreSQL reader. */
  public static <S extends SourceCatalog & RowSource> WithSource from(S source) {
    return from(source, source);
  }

  /** Reads the schema from {@code catalog} and the rows from {@code rows}. */
  public static WithSource from(SourceCatalog catalog, RowSource rows) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(rows, "rows");
    return new WithSource() {
      @Override
      public Mapped mapping(Mapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        return mapping(schema -> mapping);
      }

      @Override
      public Mapped mapping(Function<SourceSchema, Mapping> mappingOfSchema) {
        return new Draft(
            catalog,
            rows,
            Objects.requireNonNull(mappingOfSchema, "mappingOfSchema"),
            RunOptions.defaults(),
            Set.of(),
            Set.of());
      }
    };
  }

  /** A migration that has its source and wants its mapping. */
  public interface WithSource {
    Mapped mapping(Mapping mapping);

    /**
     * A mapping made from the source's schema once it is read, e.g. {@code s ->
     * Mappings.conventions(s).build()}.
     */
    Mapped mapping(Function<SourceSchema, Mapping> mappingOfSchema);
  }

  /**
   * A migration with its source and mapping: it plans without a target, and runs once {@link #to}
   * names one.
   */
  public interface Mapped {
    /** How runs behave; {@link RunOptions#defaults()} until given. */
    Mapped options(RunOptions options);

    /** Assert these refs in link steps after every load, whether or not they close a cycle. */
    Mapped deferRefs(Attribute... refs);

    /** Never defer these refs; the planner breaks cycles elsewhere or fails. */
    Mapped neverDefer(Attribute... refs);

    /**
     * The plan a run would follow, from the source's schema as it is now; {@link Plan#explain()}
     * prints it. Touches no target.
     *
     * @throws MappingValidationException when the mapping does not fit the source's schema
     */
    Plan plan();

    /** The target to run into. */
    Ready to(TargetSink target);
  }

  /**
   * A migration with its source, mapping and target: the operations. Each plans afresh from the
   * source's schema.
   */
  public interface Ready {
    /**
     * Runs the plan.
     *
     * @throws MigrationFailedException when the run stops; it names the run id to resume
     */
    MigrationReport run();

    /**
     * Brings a target that a run of this mapping loaded up to date with the source as it is now,
     * transacting only the differences: new rows, changed and nulled values, added and removed many
     * values and bridge links, and deleted rows (as {@link RunOptions#deletedRows()} says). An
     * unchanged source costs one transaction, the run's record. A compatible schema change (a new
     * column, table or enum value) is installed first; an incompatible one is refused before
     * anything is written.
     *
     * @throws io.datomize.spi.SchemaConflictException when the target's schema conflicts with the
     *     mapping
     * @throws MigrationFailedException when the sync stops; {@link #resume(String)} continues it
     */
    MigrationReport sync();

    /** Reports what {@link #sync()} would change, against a throwaway copy of the target. */
    MigrationReport dryRunSync();

    /**
     * Runs the plan as a bulk load, for a target that does not hold the mapping's attributes yet:
     * unique attributes get their uniqueness only after the load, once indexed and checked, indexed
     * attributes their index only after the load, and refs go to entity ids rather than lookup
     * refs, so Datomic does less per datom. The database it leaves equals a {@link #run()}'s. A
     * target that was loaded already is loaded as usual.
     *
     * @throws MigrationFailedException when the run stops, or when two rows made entities of one
     *     unique value (which a run would have merged silently)
     */
    MigrationReport bulkLoad();

    /** Continues a failed run or sync after the checkpoints it committed in the target. */
    MigrationReport resume(String runId);

    /**
     * Follows the source's committed changes into the target, for a cut-over without a long write
     * freeze: on a first start, loads the target from the snapshot of a new replication slot (or
     * syncs it, when it was loaded already); then applies each source transaction as one target
     * transaction, in commit order, until {@code options} says to stop. Each transaction stores its
     * source position in the target, and the source is told a position only once the target holds
     * it, so a restart with the same follow id resumes where the target stands: nothing lost,
     * nothing applied twice. See docs/cut-over.md.
     *
     * @throws IllegalStateException when the source cannot stream its changes (it does not
     *     implement {@link io.datomize.spi.ChangeSource})
     * @throws io.datomize.spi.SourceException when a prerequisite of the source is missing, naming
     *     it and how to meet it
     * @throws MigrationFailedException when the stream or the target fails
     */
    FollowReport follow(FollowOptions options);

    /** Rehearses the whole run against a throwaway copy of the target, which stays untouched. */
    MigrationReport dryRun();

    /**
     * Compares the target with the source now. Rows a run rejected count as differences here: use
     * {@link #verify(String)} to account for them.
     */
    VerificationReport verify();

    /**
     * Compares the target with the source, expecting the rows that run {@code runId} rejected to be
     * missing.
     */
    VerificationReport verify(String runId);
  }

  private record Draft(
      SourceCatalog catalog,
      RowSource rows,
      Function<SourceSchema, Mapping> mappingOfSchema,
      RunOptions options,
      Set<Attribute> deferred,
      Set<Attribute> neverDeferred)
      implements Mapped {
    @Override
    public Mapped options(RunOptions options) {
      return new Draft(
          catalog,
          rows,
          mappingOfSchema,
          Objects.requireNonNull(options, "options"),
          deferred,
          neverDeferred);
    }

    @Override
    public Mapped deferRefs(Attribute... refs) {
      return new Draft(
          catalog, rows, mappingOfSchema, options, union(deferred, refs), neverDeferred);
    }

    @Override
    public Mapped neverDefer(Attribute... refs) {
      return new Draft(
          catalog, rows, mappingOfSchema, options, deferred, union(neverDeferred, refs));
    }

    @Override
    public Plan plan() {
      SourceSchema schema = catalog.readSchema();
      Mapping mapping = mappingOfSchema.apply(schema);
      List<MappingProblem> problems = Mappings.validate(mapping, schema);
      if (!problems.isEmpty()) {
        throw new MappingValidationException(problems);
      }
      return Planner.plan(
          schema,
          mapping,
          PlanOptions.builder()
              .batchSize(options.batchSize())
              .deferred(deferred)
              .neverDeferred(neverDeferred)
              .build());
    }

    @Override
    public Ready to(TargetSink target) {
      return new Targeted(this, Objects.requireNonNull(target, "target"));
    }

    private static Set<Attribute> union(Set<Attribute> set, Attribute... more) {
      Set<Attribute> all = new HashSet<>(set);
      all.addAll(Arrays.asList(more));
      return Set.copyOf(all);
    }
  }

  private record Targeted(Draft draft, TargetSink target) implements Ready {
    @Override
    public MigrationReport run() {
      return runner().start();
    }

    @Override
    public MigrationReport resume(String runId) {
      return runner().resume(Objects.requireNonNull(runId, "runId"));
    }

    @Override
    public MigrationReport dryRun() {
      return runner().rehearse();
    }

    @Override
    public MigrationReport bulkLoad() {
      return runner().bulkLoad();
    }

    @Override
    public MigrationReport sync() {
      return runner().sync();
    }

    @Override
    public FollowReport follow(FollowOptions options) {
      Objects.requireNonNull(options, "options");
      if (!(draft.rows() instanceof ChangeSource changes)) {
        throw new IllegalStateException(
            "cannot follow "
                + draft.rows().getClass().getSimpleName()
                + ": it cannot stream its changes (it implements no ChangeSource); the PostgreSQL"
                + " reader can");
      }
      return runner().follow(changes, options, () -> tableNames(draft.catalog().readSchema()));
    }

    @Override
    public MigrationReport dryRunSync() {
      return runner().rehearseSync();
    }

    @Override
    public VerificationReport verify() {
      return runner().verifyOnly(Optional.empty());
    }

    @Override
    public VerificationReport verify(String runId) {
      return runner().verifyOnly(Optional.of(Objects.requireNonNull(runId, "runId")));
    }

    private static Set<TableName> tableNames(SourceSchema schema) {
      Set<TableName> names = new HashSet<>();
      schema.tables().forEach(table -> names.add(table.name()));
      return names;
    }

    private MigrationRun runner() {
      return new MigrationRun(draft.plan(), draft.rows(), target, draft.options());
    }
  }
}
