package io.datomize.examples;

import io.datomize.Migration;
import io.datomize.catalog.SourceSchema;
import io.datomize.catalog.TableName;
import io.datomize.datomic.DatomicTarget;
import io.datomize.datomic.SchemaEdn;
import io.datomize.examples.queryfeed.QueryfeedDatabase;
import io.datomize.examples.queryfeed.QueryfeedMapping;
import io.datomize.examples.queryfeed.QueryfeedSize;
import io.datomize.examples.sql.ScriptResult;
import io.datomize.examples.sql.SqlScript;
import io.datomize.jdbc.PostgresSource;
import io.datomize.jdbc.testing.EmbeddedPostgresServer;
import io.datomize.mapping.MappingValidationException;
import io.datomize.mapping.Mappings;
import io.datomize.model.Mapping;
import io.datomize.plan.Plan;
import io.datomize.report.FollowReport;
import io.datomize.report.MigrationReport;
import io.datomize.run.DeletedRows;
import io.datomize.run.ErrorPolicy;
import io.datomize.run.FollowOptions;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.spi.SourceException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.postgresql.replication.LogSequenceNumber;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The example migration, and a runner for your own database. Without options it starts an embedded
 * PostgreSQL, generates the Queryfeed database, migrates it into {@code datomic:mem://queryfeed}
 * with {@link QueryfeedMapping} and prints the plan, a progress bar per step, the summary and the
 * verification result. {@link #execute} is the entry point without {@code System.exit}.
 */
@Command(
    name = "datomize-example",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Migrates a PostgreSQL database into Datomic with Datomize, verifies it, and writes schema.edn, report.json"
          + " and the rejected rows.",
      "Without --jdbc-url it starts an embedded PostgreSQL and loads the --sql-file scripts into it, or, without"
          + " them, generates the Queryfeed example database."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:migrated (or planned, or printed) and verified",
      "1:the source or the target failed (unreachable, a failing SQL script, ...)",
      "2:invalid options",
      "3:the mapping does not fit the database",
      "4:the migration stopped; resume it with --resume RUN_ID",
      "5:the migration finished but verification failed"
    })
public final class ExampleMigration implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_OPTIONS = 2;
  public static final int MAPPING_ERROR = 3;
  public static final int MIGRATION_FAILED = 4;
  public static final int VERIFICATION_FAILED = 5;

  private static final String QUERYFEED_URI = "datomic:mem://queryfeed";
  private static final String OWN_DATABASE_URI = "datomic:mem://datomize-example";

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "Your PostgreSQL database, jdbc:postgresql://host:port/database (default: an embedded server).")
  String jdbcUrl;

  @Option(names = "--user", description = "The database user for --jdbc-url.")
  String user;

  @Option(
      names = "--password",
      description =
          "The password for --jdbc-url; better in the environment variable DATOMIZE_PASSWORD or"
              + " PGPASSWORD, which are read when this option is not given. Never printed.")
  String password;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "A schema to migrate; repeat for several (default: public).")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--sql-file",
      paramLabel = "FILE",
      description =
          "A psql script (a plain pg_dump, say) to load into the embedded server first; repeat to run"
              + " several in order, e.g. a schema file then a data file. Not with --jdbc-url.")
  List<Path> sqlFiles = new ArrayList<>();

  @Option(
      names = "--rows",
      paramLabel = "N",
      description = "Rows of the generated Queryfeed database (default: ${DEFAULT-VALUE}).")
  long rows = QueryfeedDatabase.DEFAULT_ROWS;

  @Option(
      names = "--datomic-uri",
      paramLabel = "URI",
      description =
          "The Datomic database to write to, created when absent (default: "
              + QUERYFEED_URI
              + " for the Queryfeed example, "
              + OWN_DATABASE_URI
              + " otherwise; a mem database ends with the run).")
  String datomicUri;

  @Option(
      names = "--conventions",
      description =
          "Derive the whole mapping from the database's catalog by Datomize's conventions, no code"
              + " (default: the Queryfeed example's hand-written mapping).")
  boolean conventions;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  @Option(
      names = "--batch-size",
      paramLabel = "ROWS",
      description = "Source rows per transaction (default:" + " ${DEFAULT-VALUE}).")
  int batchSize = 1_000;

  @Option(
      names = "--batch-bytes",
      paramLabel = "BYTES",
      description =
          "Bytes of values per transaction, at most, whatever --batch-size says: rows of large"
              + " text or binary values make smaller batches (default: ${DEFAULT-VALUE}, 8 MiB).")
  long batchBytes = 8L << 20;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      description =
          "Transactions in flight at once (default: ${DEFAULT-VALUE}; a remote transactor may want ~20).")
  int inFlight = 4;

  @Option(
      names = "--max-rejects",
      paramLabel = "N",
      description =
          "Stop the run once more than N rows are rejected; 0 stops at the first (default:"
              + " ${DEFAULT-VALUE}).")
  long maxRejects = 1_000;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where schema.edn and, unless --run-dir says otherwise, the runs go (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("target", "datomize");

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description =
          "Where each run keeps report.json and its rejected rows, in a folder named by the run id"
              + " (default: OUT/runs).")
  Path runDirectory;

  @Option(
      names = "--sync",
      description =
          "Bring a Datomic database that an earlier run loaded up to date with the source,"
              + " transacting only the differences; with --dry-run, report them only.")
  boolean sync;

  @Option(
      names = "--bulk",
      description =
          "Load in bulk, for a Datomic database that does not hold the mapping's attributes yet:"
              + " uniqueness and indexes are added after the load and refs go to entity ids, so"
              + " Datomic does less per datom. The database ends as a plain run leaves it; a loaded"
              + " database is loaded as usual.")
  boolean bulk;

  @Option(
      names = "--watermark",
      paramLabel = "TABLE=COLUMN",
      description =
          "A column that grows with every change of a row (e.g. posts=updated_at), so that a sync"
              + " reads only the rows changed since the last run; repeatable.")
  Map<String, String> watermarks = new LinkedHashMap<>();

  @Option(
      names = "--deleted-rows",
      paramLabel = "POLICY",
      description =
          "What a sync does with the entity of a deleted row: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  DeletedRows deletedRows = DeletedRows.RETRACT;

  @Option(
      names = "--follow",
      description =
          "Load the target from a new replication slot's snapshot (or sync it), then stream the"
              + " source's changes into it until stopped; see docs/cut-over.md.")
  boolean follow;

  @Option(
      names = "--until-lsn",
      paramLabel = "LSN",
      description =
          "With --follow: stop once every transaction up to this PostgreSQL LSN (e.g. 16/B374D848,"
              + " from SELECT pg_current_wal_lsn()) is applied.")
  String untilLsn;

  @Option(
      names = "--until-caught-up",
      description =
          "With --follow: stop once no change arrives after the server's position is reached.")
  boolean untilCaughtUp;

  @Option(
      names = "--drop-slot",
      description =
          "With --follow: drop the replication slot and publication when stopping as asked.")
  boolean dropSlot;

  @Option(
      names = "--follow-id",
      paramLabel = "ID",
      description =
          "With --follow: the follower's id, slot and publication name (default: ${DEFAULT-VALUE}).")
  String followId = "datomize";

  /** What to do besides a plain run; at most one. */
  static final class Mode {
    @Option(
        names = "--explain",
        description = "Print the plan (and write schema.edn) without migrating.")
    boolean explain;

    @Option(
        names = "--dry-run",
        description =
            "Rehearse the whole run against a throwaway copy of the Datomic database, which stays"
                + " untouched.")
    boolean dryRun;

    @Option(
        names = "--resume",
        paramLabel = "RUN_ID",
        description =
            "Continue a stopped run after its last checkpoint (same source, target and run directory).")
    String resumeRunId;

    @Option(
        names = "--print-mapping",
        description =
            "Print the mapping as Java DSL source to paste into your code and edit, then stop; with"
                + " --conventions, the mapping the conventions derive.")
    boolean printMapping;
  }

  @Spec CommandSpec spec;

  private final PrintStream console;
  private final PrintStream errors;
  private final Map<String, String> environment;

  private ExampleMigration(
      PrintStream console, PrintStream errors, Map<String, String> environment) {
    this.console = console;
    this.errors = errors;
    this.environment = environment;
  }

  public static void main(String[] args) {
    int exit;
    try {
      exit = execute(System.out, System.err, System.getenv(), args);
    } finally {
      DatomicTarget.shutdownPeer();
    }
    if (exit != OK) {
      System.exit(exit);
    }
  }

  /**
   * Runs the example with these arguments and returns its exit code.
   *
   * @param environment where {@code DATOMIZE_PASSWORD} and {@code PGPASSWORD} are looked up
   */
  public static int execute(
      PrintStream out, PrintStream err, Map<String, String> environment, String... args) {
    return new CommandLine(new ExampleMigration(out, err, environment))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        // Maven's example profile passes --out before the user's arguments, which may give it again
        .setOverwrittenOptionsAllowed(true)
        .setExecutionExceptionHandler(
            (failure, commandLine, parsed) -> {
              err.println("error: " + causes(failure));
              return FAILED;
            })
        .execute(args);
  }

  @Override
  public Integer call() {
    checkOptions();
    try (Source source = openSource()) {
      if (mode.printMapping) {
        SourceSchema schema = source.postgres().readSchema();
        console.println(Mappings.toJavaSource(mapping(schema), schema));
        return OK;
      }
      Path runs = runDirectory != null ? runDirectory : out.resolve("runs");
      ProgressDisplay progress = ProgressDisplay.on(errors);
      Migration.Mapped migration =
          Migration.from(source.postgres())
              .mapping(this::mapping)
              .options(
                  RunOptions.builder()
                      .batchSize(batchSize)
                      .batchBytes(batchBytes)
                      .transactionsInFlight(inFlight)
                      .errorPolicy(ErrorPolicy.maxRejects(maxRejects))
                      .runDirectory(runs)
                      .progress(progress)
                      .watermarks(watermarkColumns())
                      .deletedRows(deletedRows)
                      .build());
      Plan plan = migration.plan();
      console.println(plan.explain());
      Files.createDirectories(out);
      Path schemaFile = out.resolve("schema.edn");
      SchemaEdn.write(plan.mapping().targetSchema(), schemaFile);
      console.println("schema:  " + schemaFile.toAbsolutePath());
      return mode.explain ? OK : migrate(source, migration, runs, progress);
    } catch (MappingValidationException e) {
      errors.println("The mapping does not fit the database. " + e.getMessage());
      if (!conventions) {
        errors.println(
            "The hand-written mapping is the Queryfeed example's: for another database add --conventions"
                + " (and --print-mapping to start a mapping of your own).");
      }
      return MAPPING_ERROR;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + out + ": " + e.getMessage(), e);
    }
  }

  private void checkOptions() {
    if (jdbcUrl != null && !sqlFiles.isEmpty()) {
      throw invalid(
          "--sql-file loads into the embedded server, so it does not go with --jdbc-url; load the file"
              + " into your database with psql instead");
    }
    if (!follow && (untilLsn != null || untilCaughtUp || dropSlot)) {
      throw invalid("--until-lsn, --until-caught-up and --drop-slot go with --follow");
    }
    if (follow && (sync || mode.resumeRunId != null || mode.dryRun || mode.printMapping)) {
      throw invalid("--follow goes alone: it loads or syncs the target itself");
    }
    if (untilLsn != null && untilCaughtUp) {
      throw invalid("--until-lsn and --until-caught-up exclude each other");
    }
    if (untilLsn != null
        && LogSequenceNumber.valueOf(untilLsn).equals(LogSequenceNumber.INVALID_LSN)) {
      throw invalid("--until-lsn " + untilLsn + " is not a PostgreSQL LSN such as 16/B374D848");
    }
    if (bulk && (sync || mode.dryRun || mode.resumeRunId != null)) {
      throw invalid("--bulk is a load of its own: not with --sync, --dry-run or --resume");
    }
    if (sync && (mode.resumeRunId != null || mode.printMapping)) {
      throw invalid(
          "--sync goes alone or with --dry-run or --explain; --resume knows a sync by its id");
    }
    if (jdbcUrl == null && (user != null || password != null)) {
      throw invalid("--user and --password go with --jdbc-url");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--rows")
        && (jdbcUrl != null || !sqlFiles.isEmpty())) {
      throw invalid(
          "--rows sizes the generated Queryfeed database, which --jdbc-url and --sql-file replace");
    }
    if (rows < QueryfeedSize.MINIMUM_TOTAL) {
      throw invalid("--rows must be at least " + QueryfeedSize.MINIMUM_TOTAL + ", got " + rows);
    }
    if (batchSize < 1 || batchBytes < 1 || inFlight < 1 || maxRejects < 0) {
      throw invalid(
          "--batch-size, --batch-bytes and --in-flight must be at least 1 and --max-rejects at"
              + " least 0");
    }
    for (Path file : sqlFiles) {
      if (!Files.isReadable(file)) {
        throw invalid("--sql-file " + file.toAbsolutePath() + " is not a readable file");
      }
    }
  }

  private Map<TableName, String> watermarkColumns() {
    Map<TableName, String> columns = new LinkedHashMap<>();
    watermarks.forEach((table, column) -> columns.put(TableName.parse(table), column));
    return columns;
  }

  private ParameterException invalid(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private Mapping mapping(SourceSchema schema) {
    return conventions ? Mappings.conventions(schema).build() : QueryfeedMapping.mapping(schema);
  }

  private int migrate(Source source, Migration.Mapped mapped, Path runs, ProgressDisplay progress) {
    String uri =
        datomicUri != null ? datomicUri : source.queryfeed() ? QUERYFEED_URI : OWN_DATABASE_URI;
    try (DatomicTarget target = DatomicTarget.builder().uri(uri).build()) {
      Migration.Ready migration = mapped.to(target);
      if (follow) {
        return follow(migration, runs, progress);
      }
      MigrationReport report;
      try {
        if (mode.resumeRunId != null) {
          report = migration.resume(mode.resumeRunId);
        } else if (sync) {
          report = mode.dryRun ? migration.dryRunSync() : migration.sync();
        } else if (bulk) {
          report = migration.bulkLoad();
        } else {
          report = mode.dryRun ? migration.dryRun() : migration.run();
        }
      } catch (MigrationFailedException e) {
        progress.finish();
        errors.println("The migration stopped: " + e.getMessage());
        rejectsOf(runs, e.runId())
            .ifPresent(f -> errors.println("rejected rows: " + f.toAbsolutePath()));
        errors.println(
            "Committed batches stay committed. Once the cause is fixed, continue with --resume "
                + e.runId()
                + " (same source, --datomic-uri and --run-dir).");
        return MIGRATION_FAILED;
      }
      progress.finish();
      console.println();
      console.print(report.summary());
      console.println(
          "report:  " + runs.resolve(report.runId()).resolve("report.json").toAbsolutePath());
      if (!report.succeeded()) {
        errors.println(
            "Verification FAILED: the target differs from the source, see the tables above and the"
                + " report.");
        return VERIFICATION_FAILED;
      }
      return OK;
    }
  }

  private int follow(Migration.Ready migration, Path runs, ProgressDisplay progress) {
    FollowOptions.Builder options =
        FollowOptions.builder()
            .followId(followId)
            .untilCaughtUp(untilCaughtUp)
            .dropSlotWhenDone(dropSlot)
            .positionFormat(ExampleMigration::lsn)
            .listener(
                p ->
                    console.printf(
                        "follow:  applied %s, %,d transactions, %,d changes (%,.0f/s), lag %,d bytes"
                            + " %.1f s, %,d rejected%n",
                        p.appliedPosition().isPresent()
                            ? lsn(p.appliedPosition().getAsLong())
                            : "-",
                        p.transactions(),
                        p.changes(),
                        p.changesPerSecond(),
                        p.lagBytes(),
                        p.lag().toMillis() / 1000.0,
                        p.rejected()));
    if (untilLsn != null) {
      options.untilPosition(LogSequenceNumber.valueOf(untilLsn).asLong());
    }
    FollowReport report;
    try {
      report = migration.follow(options.build());
    } catch (MigrationFailedException e) {
      progress.finish();
      errors.println("Following stopped: " + e.getMessage());
      slotWarning();
      return MIGRATION_FAILED;
    } catch (SourceException e) {
      // a missing prerequisite, found before any slot was created
      progress.finish();
      errors.println("Cannot follow: " + e.getMessage());
      return MIGRATION_FAILED;
    }
    progress.finish();
    report.snapshot().ifPresent(snapshot -> console.print(snapshot.summary()));
    console.printf(
        "followed %s: %,d transactions, %,d changes, %,d rejected, stopped: %s at %s%n",
        report.followId(),
        report.transactions(),
        report.changes(),
        report.rowsRejected(),
        report.stop(),
        report.lastPosition().isPresent() ? lsn(report.lastPosition().getAsLong()) : "-");
    report.rejectsFile().ifPresent(f -> console.println("rejected rows: " + f.toAbsolutePath()));
    if (!report.slotDropped()) {
      slotWarning();
    }
    return OK;
  }

  /** A slot left behind keeps the server's WAL from being recycled, until the disk fills. */
  private void slotWarning() {
    errors.println();
    errors.println(
        "!!! The replication slot '" + followId + "' is still on the PostgreSQL server.");
    errors.println(
        "!!! It holds WAL on the server until it is consumed or dropped: the disk fills up.");
    errors.println(
        "!!! Resume with --follow --follow-id "
            + followId
            + ", or drop it: SELECT pg_drop_replication_slot('"
            + followId
            + "'); DROP PUBLICATION \""
            + followId
            + "\";");
  }

  static String lsn(long position) {
    return LogSequenceNumber.valueOf(position).asString();
  }

  private static Optional<Path> rejectsOf(Path runs, String runId) {
    Path file = runs.resolve(runId).resolve("rejects.jsonl");
    return Files.exists(file) ? Optional.of(file) : Optional.empty();
  }

  private Source openSource() {
    if (jdbcUrl != null) {
      PostgresSource postgres =
          PostgresSource.builder()
              .url(jdbcUrl)
              .user(user)
              .password(passwordOrEnvironment())
              .schemas(schemas)
              .build();
      console.println("source:  " + postgres);
      return new Source(postgres, null, false);
    }
    console.println("Starting an embedded PostgreSQL ...");
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
    try {
      return sqlFiles.isEmpty() ? generated(server) : loaded(server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private Source generated(EmbeddedPostgresServer server) {
    console.printf("Generating the Queryfeed database (%,d rows) ...%n", rows);
    DataSource database = server.createDatabase("queryfeed");
    QueryfeedSize size = QueryfeedDatabase.create(database, rows);
    console.printf(
        "  users %,d, tags %,d, posts %,d, post_tags %,d, orders %,d, ipn %,d%n",
        size.users(), size.tags(), size.posts(), size.postTags(), size.orders(), size.ipn());
    return new Source(
        PostgresSource.builder().dataSource(database).schemas(schemas).build(), server, true);
  }

  private Source loaded(EmbeddedPostgresServer server) {
    String database = "example";
    server.createDatabase(database);
    String current = database;
    for (Path file : sqlFiles) {
      console.println("Loading " + file + " ...");
      ScriptResult result =
          SqlScript.run(
              file,
              current,
              SqlScript.Connector.sameServerAs(server.jdbcUrl(database), server.user(), null));
      console.printf(
          "  %,d statements, %,d rows copied%n", result.statements(), result.copiedRows());
      current = result.database();
    }
    analyze(server, current);
    return new Source(
        PostgresSource.builder().dataSource(server.database(current)).schemas(schemas).build(),
        server,
        false);
  }

  // a dump leaves the catalog's row estimates empty; the plan and the progress bars read them
  private static void analyze(EmbeddedPostgresServer server, String database) {
    try (Connection connection = server.database(database).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "ANALYZE in the embedded database " + database + ": " + e.getMessage(), e);
    }
  }

  private String passwordOrEnvironment() {
    if (password != null) {
      return password;
    }
    return Optional.ofNullable(environment.get("DATOMIZE_PASSWORD"))
        .orElse(environment.get("PGPASSWORD"));
  }

  private static String causes(Throwable failure) {
    StringBuilder text =
        new StringBuilder(failure.getMessage() != null ? failure.getMessage() : failure.toString());
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(System.lineSeparator()).append("  caused by: ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  /** The source, and the embedded server it lives in when there is one. */
  private record Source(PostgresSource postgres, EmbeddedPostgresServer server, boolean queryfeed)
      implements AutoCloseable {
    Source {
      Objects.requireNonNull(postgres, "postgres");
    }

    @Override
    public void close() {
      postgres.close();
      if (server != null) {
        server.close();
      }
    }
  }
}
