package io.datomize.examples;

import io.datomize.run.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;

/** How the runner shows progress: bars on a terminal, plain lines anywhere else. */
interface ProgressDisplay extends ProgressListener {
  /** Ends the display of a step that stopped early. */
  default void finish() {}

  /**
   * Bars when {@code out} is the process's error stream on a terminal, else a line per step every
   * few seconds.
   */
  static ProgressDisplay on(PrintStream out) {
    return out == System.err && System.console() != null
        ? new ConsoleProgress(out)
        : new LineProgress(out, System::nanoTime, Duration.ofSeconds(5));
  }
}
