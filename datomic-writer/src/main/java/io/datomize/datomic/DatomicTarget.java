package io.datomize.datomic;

import datomic.Connection;
import datomic.Peer;
import io.datomize.datomic.internal.DatomicSink;
import io.datomize.datomic.internal.Transactor;
import io.datomize.datomic.internal.Uris;
import io.datomize.spi.RetryPolicy;
import io.datomize.spi.TargetSink;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Datomic {@link TargetSink}:
 *
 * <pre>{@code
 * TargetSink target = DatomicTarget.builder()
 *     .uri("datomic:dev://localhost:4334/shop")   // created when absent
 *     .maxInFlight(4)
 *     .transactionTimeout(Duration.ofMinutes(1))
 *     .build();
 * }</pre>
 *
 * <p>Credentials in the URI (a {@code datomic:sql://} JDBC password, AWS keys) never appear in logs, messages or
 * {@code toString()}.
 */
public final class DatomicTarget {
  private static final Logger LOG = LoggerFactory.getLogger(DatomicTarget.class);

  private DatomicTarget() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a Datomic target; {@link #build()} checks them. */
  public static final class Builder {
    private String uri;
    private Connection connection;
    private int maxInFlight = 4;
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
     * Transactions sent and not yet answered; {@code submit} blocks while this many are pending. Default 4, the
     * best measured on an in-process database; a remote transactor may want more (Datomic's capacity guide starts
     * at 20 in flight).
     */
    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * How long one transaction may take before the batch fails as retryable; default 2 minutes. The Peer's own
     * 10 s default for {@code transact} does not apply: transactions are sent asynchronously.
     */
    public Builder transactionTimeout(Duration transactionTimeout) {
      this.transactionTimeout = Objects.requireNonNull(transactionTimeout, "transactionTimeout");
      return this;
    }

    /** How batches refused for a passing reason are sent again; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * When true, every transaction (schema included) is applied to a speculative database value with
     * {@code Database.with}: reads see it, the database itself is never written. The speculative value lives in
     * memory, so dry-run a sample rather than a whole database.
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Connects (creating the database for a {@link #uri(String)} when absent) and returns the target.
     *
     * @throws IllegalArgumentException for settings that do not fit together
     * @throws IllegalStateException when the database cannot be reached; the message names the masked URI
     */
    public TargetSink build() {
      if ((uri == null) == (connection == null)) {
        throw new IllegalArgumentException("a Datomic target needs either a uri(..) or a connection(..), not "
            + (uri == null ? "neither" : "both"));
      }
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
      }
      if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
        throw new IllegalArgumentException("transactionTimeout must be positive, got " + transactionTimeout);
      }
      String description = uri == null ? "(given connection)" : Uris.mask(uri);
      Connection target = connection != null ? connection : connect(uri, description);
      Transactor transactor = dryRun ? Transactor.speculative(target) : Transactor.live(target);
      LOG.info("writing to {}{}, at most {} transactions in flight", description, dryRun ? " (dry run)" : "",
          maxInFlight);
      return new DatomicSink(transactor, description + (dryRun ? " (dry run)" : ""), maxInFlight,
          transactionTimeout, retryPolicy);
    }

    private static Connection connect(String uri, String description) {
      try {
        if (Peer.createDatabase(uri)) {
          LOG.info("created the database {}", description);
        }
        return Peer.connect(uri);
      } catch (RuntimeException e) {
        // The Peer's message may repeat the URI with its credentials: only a masked copy of it travels on.
        IllegalStateException failure = new IllegalStateException("cannot connect to " + description + ": "
            + e.getClass().getName() + ": " + Uris.mask(e.getMessage()));
        failure.setStackTrace(e.getStackTrace());
        throw failure;
      }
    }

    @Override
    public String toString() {
      return "DatomicTarget.Builder[" + (uri != null ? Uris.mask(uri) : connection != null ? "(given connection)" : "")
          + ", maxInFlight " + maxInFlight + ", timeout " + transactionTimeout + ", " + retryPolicy
          + (dryRun ? ", dry run" : "") + "]";
    }
  }
}
