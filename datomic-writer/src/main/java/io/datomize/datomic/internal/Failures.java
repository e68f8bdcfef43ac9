package io.datomize.datomic.internal;

import static io.datomize.datomic.internal.Keywords.ANOMALY_CATEGORY;
import static io.datomize.datomic.internal.Keywords.ANOMALY_MESSAGE;
import static io.datomize.datomic.internal.Keywords.DB_ERROR;
import static io.datomize.datomic.internal.Keywords.ERROR_DATOM;
import static io.datomize.datomic.internal.Keywords.ERROR_TEMPIDS;

import clojure.lang.IExceptionInfo;
import clojure.lang.Keyword;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Reads what Datomic says about a failed transaction: its anomaly, its error, and which entity it
 * blames.
 */
public final class Failures {
  /**
   * Anomaly categories that say "not now" rather than "not this": the same transaction may succeed
   * later.
   */
  private static final Set<Keyword> RETRYABLE_CATEGORIES =
      Set.of(
          Keyword.intern("cognitect.anomalies", "busy"),
          Keyword.intern("cognitect.anomalies", "unavailable"),
          Keyword.intern("cognitect.anomalies", "interrupted"));

  /** Peer errors of back-pressure and of a transactor out of reach, whatever anomaly they carry. */
  private static final Set<Keyword> RETRYABLE_ERRORS =
      Set.of(
          Keyword.intern("db.error", "transaction-timeout"),
          Keyword.intern("db.error", "peer-queue-exceeded"),
          Keyword.intern("db.error", "transactor-unavailable"));

  private static final Keyword D1 = Keyword.intern("d1");

  private Failures() {}

  /** The cause that matters, without the wrappers futures add. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  public static boolean isRetryable(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof TimeoutException || cause instanceof InterruptedException) {
      return true;
    }
    Map<?, ?> data = data(cause);
    // Set.of(..).contains(null) throws: absent keys are checked first
    Object category = data.get(ANOMALY_CATEGORY);
    Object dbError = data.get(DB_ERROR);
    return (category != null && RETRYABLE_CATEGORIES.contains(category))
        || (dbError != null && RETRYABLE_ERRORS.contains(dbError));
  }

  /** Datomic's reason in one line: its message, error and anomaly category; credentials masked. */
  public static String describe(Throwable error, Duration timeout) {
    Throwable cause = unwrap(error);
    if (cause instanceof TimeoutException) {
      return "no answer from the transactor within "
          + timeout
          + "; the transaction may still commit, and sending it"
          + " again is harmless (every entity is an upsert on its identity)";
    }
    Map<?, ?> data = data(cause);
    Object message =
        data.containsKey(ANOMALY_MESSAGE) ? data.get(ANOMALY_MESSAGE) : cause.getMessage();
    StringBuilder text = new StringBuilder(String.valueOf(message).strip());
    List<String> kinds = new ArrayList<>();
    if (data.get(DB_ERROR) != null) {
      kinds.add(String.valueOf(data.get(DB_ERROR)));
    }
    if (data.get(ANOMALY_CATEGORY) != null) {
      kinds.add("anomaly " + data.get(ANOMALY_CATEGORY));
    }
    text.append(" (")
        .append(kinds.isEmpty() ? cause.getClass().getName() : String.join(", ", kinds))
        .append(')');
    return Uris.mask(text.toString());
  }

  /** The batch's refusal, naming the entity and source row Datomic blames when it names one. */
  public static BatchRejectedException rejection(
      TxBatch batch, Throwable error, Duration timeout, int attempts) {
    Throwable cause = unwrap(error);
    StringBuilder message = new StringBuilder(batch.toString()).append(" was rejected by Datomic");
    if (attempts > 1) {
      message.append(" after ").append(attempts).append(" attempts");
    }
    message.append(": ").append(describe(cause, timeout));
    offendingEntity(batch, data(cause))
        .ifPresent(
            entity ->
                message
                    .append("; offending source row with key ")
                    .append(entity.sourceKey())
                    .append(": ")
                    .append(entity));
    return new BatchRejectedException(message.toString(), isRetryable(cause), cause);
  }

  private static Optional<TxEntity> offendingEntity(TxBatch batch, Map<?, ?> data) {
    if (data.get(ERROR_DATOM) instanceof List<?> datom && !datom.isEmpty()) {
      return TxData.entityOf(batch, datom.get(0));
    }
    // Conflicting datoms name resolved entity ids; the tempids that came with them lead back to the
    // entity.
    if (data.get(D1) instanceof List<?> datom
        && !datom.isEmpty()
        && data.get(ERROR_TEMPIDS) instanceof Map<?, ?> ids) {
      for (Map.Entry<?, ?> entry : ids.entrySet()) {
        if (entry.getValue().equals(datom.get(0))) {
          return TxData.entityOf(batch, entry.getKey());
        }
      }
    }
    return Optional.empty();
  }

  private static Map<?, ?> data(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IExceptionInfo info && info.getData() instanceof Map<?, ?> data) {
        return data;
      }
    }
    return Map.of();
  }
}
