package io.datomize.internal.engine;

/**
 * Stops a run from inside a step; the run turns it into a {@link
 * io.datomize.run.MigrationFailedException}.
 */
final class RunStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RunStopped(String message, Throwable cause) {
    super(message, cause);
  }
}
