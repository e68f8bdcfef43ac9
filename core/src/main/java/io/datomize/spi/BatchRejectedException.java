package io.datomize.spi;

/**
 * The target refused a batch. The message carries the target's own reason (for Datomic, the anomaly
 * and the offending datom or entity); {@link #isRetryable()} says whether sending it again may
 * succeed.
 */
public class BatchRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public BatchRejectedException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * True for transient refusals (busy, back-pressure, timeout); false when the data itself is at
   * fault.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
