package io.datomize.datomic;

import datomic.Connection;
import datomic.Peer;
import io.datomize.datomic.internal.DatomicSink;
import io.datomize.datomic.internal.Transactor;
import io.datomize.datomic.internal.Uris;
import io.datomize.spi.BatchReceipt;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.RunRecord;
import io.datomize.spi.SchemaInstallation;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.target.TargetSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Datomic target of a migration, on the Peer API:
 *
 * <pre>{@code
 * try (DatomicTarget target = DatomicTarget.builder()
 *     .uri("datomic:dev://localhost:4334/shop")   // created when absent
 *     .transactionTimeout(Duration.ofMinutes(1))
 *     .build()) {
 *   Migration.from(postgres).mapping(mapping).to(target).run();
 * } finally {
 *   DatomicTarget.shutdownPeer();                 // the program's last use of Datomic: lets the JVM end at once
 * }
 * }</pre>
 *
 * <p>How many transactions are in flight is a run's setting, {@code
 * RunOptions.transactionsInFlight()}: the target sends what it is given, and the run never gives it
 * more.
 *
 * <p>Credentials in the URI (a {@code datomic:sql://} JDBC password, AWS keys) never appear in
 * logs, messages or {@code toString()}.
 */
public final class DatomicTarget implements TargetSink {
  private static final Logger LOG = LoggerFactory.getLogger(DatomicTarget.class);

  /** Whether this JVM built a target, and so started the Peer: only then is there a Peer to end. */
  private static final AtomicBoolean PEER_USED = new AtomicBoolean();

  private final TargetSink sink;

  private DatomicTarget(TargetSink sink) {
    this.sink = sink;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Ends the Datomic Peer of this JVM: its connections, caches and threads. Call it once at the end
   * of a program, after its last use of Datomic, e.g. in a {@code finally} of {@code main}: the
   * Peer keeps threads that are not daemons, so without it the JVM lives on for about a minute
   * after {@code main} returns. No Datomic database can be used in this JVM afterwards. Closing a
   * target does not do it, so that a program can close one target and connect again. Does nothing
   * when this JVM built no target, so that a program that stopped before Datomic does not start the
   * Peer (seconds) only to end it.
   */
  public static void shutdownPeer() {
    if (PEER_USED.get()) {
      Peer.shutdown(true);
    }
  }

  @Override
  public SchemaInstallation installSchema(TargetSchema schema) {
    return sink.installSchema(schema);
  }

  @Override
  public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
    return sink.submit(batch);
  }

  @Override
  public List<CommittedBatch> committedBatches(String runId, String stepId) {
    return sink.committedBatches(runId, stepId);
  }

  @Override
  public long countEntities(Attribute identity) {
    return sink.countEntities(identity);
  }

  @Override
  public long countValues(Attribute attribute) {
    return sink.countValues(attribute);
  }

  @Override
  public Stream<Object> identityValues(Attribute identity) {
    return sink.identityValues(identity);
  }

  @Override
  public boolean beginBulkLoad(TargetSchema schema) {
    return sink.beginBulkLoad(schema);
  }

  @Override
  public List<String> finishBulkLoad(TargetSchema schema) {
    return sink.finishBulkLoad(schema);
  }

  @Override
  public Duration index() {
    return sink.index();
  }

  @Override
  public OptionalLong lastSourcePosition(String runId) {
    return sink.lastSourcePosition(runId);
  }

  @Override
  public void recordRun(RunRecord record) {
    sink.recordRun(record);
  }

  @Override
  public List<RunRecord> runRecords() {
    return sink.runRecords();
  }

  @Override
  public List<Optional<Map<Attribute, Object>>> pull(PullSpec spec, List<LookupRef> identities) {
    return sink.pull(spec, identities);
  }

  @Override
  public TargetSink rehearsal() {
    return sink.rehearsal();
  }

  /**
   * Waits for the transactions in flight to settle and stops the target's own thread. The Peer's
   * connection stays open, as Peer connections are shared and cached: {@link #shutdownPeer()} ends
   * them all.
   */
  @Override
  public void close() {
    sink.close();
  }

  @Override
  public String toString() {
    return sink.toString();
  }

  /** Settings of a Datomic target; {@link #build()} checks them. */
  public static final class Builder {
    private String uri;
    private Connection connection;
    private Duration transactionTimeout = Duration.ofMinutes(2);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private boolean dryRun;

    private Builder() {}

    /** The database to write to; it is created when it does not exist. */
    public Builder uri(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** An open connection to write through, instead of {@link #uri(String)}. */
    public Builder connection(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /**
     * How long one transaction may take before the batch fails as retryable; default 2 minutes. The
     * Peer's own 10 s default for {@code transact} does not apply: transactions are sent
     * asynchronously.
     */
    public Builder transactionTimeout(Duration transactionTimeout) {
      this.transactionTimeout = Objects.requireNonNull(transactionTimeout, "transactionTimeout");
      return this;
    }

    /**
     * How batches refused for a passing reason are sent again; default {@link
     * RetryPolicy#defaults()}.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * When true, every transaction (schema included) is applied to a speculative database value
     * with {@code Database.with}: reads see it, the database itself is never written. The
     * speculative value lives in memory, so dry-run a sample rather than a whole database.
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Connects (creating the database for a {@link #uri(String)} when absent) and returns the
     * target.
     *
     * @throws IllegalArgumentException for settings that do not fit together
     * @throws IllegalStateException when the database cannot be reached; the message names the
     *     masked URI
     */
    public DatomicTarget build() {
      if ((uri == null) == (connection == null)) {
        throw new IllegalArgumentException(
            "a Datomic target needs either a uri(..) or a connection(..), not "
                + (uri == null ? "neither" : "both"));
      }
      if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
        throw new IllegalArgumentException(
            "transactionTimeout must be positive, got " + transactionTimeout);
      }
      String description = uri == null ? "(given connection)" : Uris.mask(uri);
      PEER_USED.set(true);
      Connection target = connection != null ? connection : connect(uri, description);
      Transactor transactor = dryRun ? Transactor.speculative(target) : Transactor.live(target);
      LOG.info("writing to {}{}", description, dryRun ? " (dry run)" : "");
      return new DatomicTarget(
          new DatomicSink(
              transactor,
              description + (dryRun ? " (dry run)" : ""),
              transactionTimeout,
              retryPolicy));
    }

    private static Connection connect(String uri, String description) {
      try {
        if (Peer.createDatabase(uri)) {
          LOG.info("created the database {}", description);
        }
        return Peer.connect(uri);
      } catch (RuntimeException e) {
        // The Peer's message may repeat the URI with its credentials: only a masked copy of it
        // travels on.
        IllegalStateException failure =
            new IllegalStateException(
                "cannot connect to "
                    + description
                    + ": "
                    + e.getClass().getName()
                    + ": "
                    + Uris.mask(e.getMessage()));
        failure.setStackTrace(e.getStackTrace());
        throw failure;
      }
    }

    @Override
    public String toString() {
      return "DatomicTarget.Builder["
          + (uri != null ? Uris.mask(uri) : connection != null ? "(given connection)" : "")
          + ", timeout "
          + transactionTimeout
          + ", "
          + retryPolicy
          + (dryRun ? ", dry run" : "")
          + "]";
    }
  }
}
