package io.datomize.examples;

import io.datomize.catalog.TableName;
import io.datomize.report.StepReport;
import io.datomize.run.Progress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar per step of a run, left on screen when the step finishes. */
final class ConsoleProgress implements ProgressDisplay {
  // a fixed width keeps progressbar from probing the terminal, which prints warnings when there is
  // none (CI, tests)
  private static final int WIDTH = 110;

  private final PrintStream out;
  private ProgressBar bar;

  ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void stepStarted(String stepId, TableName table, long estimatedRows) {
    finish();
    bar =
        new ProgressBarBuilder()
            .setTaskName(stepId)
            .setInitialMax(estimatedRows)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" rows", 1)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(out, WIDTH))
            .build();
  }

  @Override
  public void progress(Progress progress) {
    if (bar != null) {
      // the catalog's estimate may be short of the truth; a bar past 100% would read as an error
      if (bar.getMax() >= 0 && progress.stepRows() > bar.getMax()) {
        bar.maxHint(progress.stepRows());
      }
      bar.stepTo(progress.stepRows());
    }
  }

  @Override
  public void stepFinished(StepReport report) {
    if (bar != null) {
      bar.maxHint(report.rowsRead());
      bar.stepTo(report.rowsRead());
      finish();
    }
  }

  @Override
  public void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
