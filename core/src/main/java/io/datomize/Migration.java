package io.datomize;

import io.datomize.internal.engine.MigrationRun;
import io.datomize.mapping.MappingProblem;
import io.datomize.mapping.MappingStep;
import io.datomize.mapping.MappingValidationException;
import io.datomize.mapping.Mappings;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.ProgressListener;
import io.datomize.target.Attribute;
import io.datomize.model.Mapping;
import io.datomize.catalog.SourceSchema;
import io.datomize.plan.Plan;
import io.datomize.plan.PlanOptions;
import io.datomize.plan.Planner;
import io.datomize.report.MigrationReport;
import io.datomize.verify.VerificationReport;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceCatalog;
import io.datomize.spi.TargetSink;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a migration: {@code Migration.from(source).to(target).mapping(mapping)}, then options, then {@link
 * Ready#plan()}, {@link Ready#run()}, {@link Ready#resume(String)}, {@link Ready#dryRun()} or {@link Ready#verify()}.
 *
 * <pre>{@code
 * MigrationReport report = Migration.from(postgres).to(datomic)
 *     .mapping(schema -> Mappings.conventions(schema).build())
 *     .batchSize(1_000)
 *     .errorPolicy(ErrorPolicy.maxRejects(100))
 *     .run();
 * }</pre>
 */
public final class Migration {
  private Migration() {}

  /** Reads the schema and the rows from one source, such as the PostgreSQL reader. */
  public static <S extends SourceCatalog & RowSource> TargetStep from(S source) {
    return from(source, source);
  }

  public static TargetStep from(SourceCatalog catalog, RowSource rows) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(rows, "rows");
    return target -> new MappingStep() {
      @Override
      public Ready mapping(Mapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        return mapping(schema -> mapping);
      }

      @Override
      public Ready mapping(Function<SourceSchema, Mapping> mappingOfSchema) {
        return new Settings(catalog, rows, Objects.requireNonNull(target, "target"), mappingOfSchema);
      }
    };
  }

  /** Names the target. */
  public interface TargetStep {
    MappingStep to(TargetSink target);
  }

  /** Names the mapping. */
  public interface MappingStep {
    Ready mapping(Mapping mapping);

    /** A mapping made from the source's schema once it is read, e.g. {@code s -> Mappings.conventions(s).build()}. */
    Ready mapping(Function<SourceSchema, Mapping> mappingOfSchema);
  }

  /** Options, each returning a new immutable {@code Ready}, and the operations. */
  public interface Ready {
    /** Source rows per transaction; 1,000 by default. */
    Ready batchSize(int rows);

    /** Transactions in flight at once; 4 by default. A remote transactor may want more (Datomic suggests ~20). */
    Ready inFlight(int transactions);

    /** When to stop for rejected rows; {@link ErrorPolicy#defaults()} by default. */
    Ready errorPolicy(ErrorPolicy policy);

    Ready progress(ProgressListener listener);

    /** Where each run keeps its report and reject files, in a folder named by its run id; {@code datomize-runs}. */
    Ready runDirectory(Path directory);

    /** Assert these refs in link steps after every load, whether or not they close a cycle. */
    Ready deferRefs(Attribute... refs);

    /** Never defer these refs; the planner breaks cycles elsewhere or fails. */
    Ready neverDefer(Attribute... refs);

    /** Compare the values of every n-th row only when verifying (counts and refs are always checked in full). */
    Ready verifySample(int everyNthRow);

    /** Skip the verification at the end of a run (it can be run on its own with {@link #verify()}). */
    Ready withoutVerification();

    /** The plan a run would follow; {@link Plan#explain()} prints it. */
    Plan plan();

    /**
     * Runs the plan.
     *
     * @throws MigrationFailedException when the run stops; it names the run id to resume
     */
    MigrationReport run();

    /** Continues a failed run after the checkpoints it committed in the target. */
    MigrationReport resume(String runId);

    /** Rehearses the whole run against a throwaway copy of the target, which stays untouched. */
    MigrationReport dryRun();

    /**
     * Compares the target with the source now. Rows a run rejected count as differences here: use
     * {@link #verify(String)} to account for them.
     */
    VerificationReport verify();

    /** Compares the target with the source, expecting the rows that run {@code runId} rejected to be missing. */
    VerificationReport verify(String runId);
  }

  /** The options so far; each option returns a changed copy, so a {@code Ready} can be shared and reused. */
  private static final class Settings implements Ready, Cloneable {
    private final SourceCatalog catalog;
    private final RowSource rows;
    private final TargetSink target;
    private final Function<SourceSchema, Mapping> mappingOfSchema;
    private int batchSize = 1_000;
    private int inFlight = 4;
    private ErrorPolicy errorPolicy = ErrorPolicy.defaults();
    private ProgressListener listener = ProgressListener.NONE;
    private Path runDirectory = Path.of("datomize-runs");
    private Set<Attribute> deferred = Set.of();
    private Set<Attribute> neverDeferred = Set.of();
    private int sampleEvery = 1;
    private boolean verify = true;

    Settings(SourceCatalog catalog, RowSource rows, TargetSink target, Function<SourceSchema, Mapping> mappingOfSchema) {
      this.catalog = catalog;
      this.rows = rows;
      this.target = target;
      this.mappingOfSchema = mappingOfSchema;
    }

    private Settings with(Consumer<Settings> change) {
      try {
        Settings copy = (Settings) clone();
        change.accept(copy);
        return copy;
      } catch (CloneNotSupportedException e) {
        throw new AssertionError("Settings is Cloneable", e);
      }
    }

    @Override
    public Ready batchSize(int rows) {
      positive(rows, "batch size");
      return with(s -> s.batchSize = rows);
    }

    @Override
    public Ready inFlight(int transactions) {
      positive(transactions, "transactions in flight");
      return with(s -> s.inFlight = transactions);
    }

    @Override
    public Ready errorPolicy(ErrorPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      return with(s -> s.errorPolicy = policy);
    }

    @Override
    public Ready progress(ProgressListener progress) {
      Objects.requireNonNull(progress, "listener");
      return with(s -> s.listener = progress);
    }

    @Override
    public Ready runDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      return with(s -> s.runDirectory = directory);
    }

    @Override
    public Ready deferRefs(Attribute... refs) {
      return with(s -> s.deferred = union(deferred, refs));
    }

    @Override
    public Ready neverDefer(Attribute... refs) {
      return with(s -> s.neverDeferred = union(neverDeferred, refs));
    }

    @Override
    public Ready verifySample(int everyNthRow) {
      positive(everyNthRow, "verification sample interval");
      return with(s -> s.sampleEvery = everyNthRow);
    }

    @Override
    public Ready withoutVerification() {
      return with(s -> s.verify = false);
    }

    @Override
    public Plan plan() {
      SourceSchema schema = catalog.readSchema();
      Mapping mapping = mappingOfSchema.apply(schema);
      List<MappingProblem> problems = Mappings.validate(mapping, schema);
      if (!problems.isEmpty()) {
        throw new MappingValidationException(problems);
      }
      PlanOptions options = PlanOptions.builder().batchSize(batchSize).deferred(deferred)
          .neverDeferred(neverDeferred).build();
      return Planner.plan(schema, mapping, options);
    }

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
    public VerificationReport verify() {
      return runner().verifyOnly(Optional.empty());
    }

    @Override
    public VerificationReport verify(String runId) {
      return runner().verifyOnly(Optional.of(Objects.requireNonNull(runId, "runId")));
    }

    private MigrationRun runner() {
      return new MigrationRun(plan(), new MigrationRun.Settings(rows, target, errorPolicy, listener, runDirectory,
          batchSize, inFlight, verify, sampleEvery));
    }

    private static void positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + value);
      }
    }

    private static Set<Attribute> union(Set<Attribute> set, Attribute... more) {
      Set<Attribute> all = new HashSet<>(set);
      all.addAll(Arrays.asList(more));
      return Set.copyOf(all);
    }
  }
}
