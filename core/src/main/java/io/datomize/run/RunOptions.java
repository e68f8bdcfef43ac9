package io.datomize.run;

import io.datomize.catalog.TableName;
import java.nio.file.Path;
import java.util.Map;
import org.immutables.value.Value;

/**
 * How a run behaves, every setting with its default:
 *
 * <pre>{@code
 * RunOptions options = RunOptions.builder()
 *     .batchSize(500)
 *     .transactionsInFlight(8)
 *     .errorPolicy(ErrorPolicy.maxRejects(100))
 *     .build();
 * }</pre>
 *
 * <p>These are the only place a run's settings live: the engine and the target take them from here.
 */
@Value.Immutable
public abstract class RunOptions {
  /** Source rows per transaction; default 1,000. The plan's batch estimates use it too. */
  @Value.Default
  public int batchSize() {
    return 1_000;
  }

  /**
   * Estimated bytes of source values per transaction, at most; default 8 MiB. A batch ends at
   * {@link #batchSize()} rows or at this many bytes, whichever comes first, so that rows carrying
   * large text or binary values neither fill memory nor make transactions too large for the target;
   * a row larger than it is a transaction of its own. Reads fetch up to four times as many bytes
   * per round trip. Values are counted by their length, anything of fixed size as 16 bytes.
   */
  @Value.Default
  public long batchBytes() {
    return 8L << 20;
  }

  /**
   * Transactions sent to the target and not yet answered, at most; default 4, the best measured on
   * an in-process database. A remote transactor has latency to hide and may want more (Datomic's
   * capacity guide starts at 20). The run never has more in flight, so the target needs no limit of
   * its own.
   */
  @Value.Default
  public int transactionsInFlight() {
    return 4;
  }

  /**
   * When rejected rows stop the run; default {@link ErrorPolicy#defaults()}, up to 1,000 rejected
   * rows.
   */
  @Value.Default
  public ErrorPolicy errorPolicy() {
    return ErrorPolicy.defaults();
  }

  /** Told of each step's start, progress and end; default {@link ProgressListener#NONE}. */
  @Value.Default
  public ProgressListener progress() {
    return ProgressListener.NONE;
  }

  /**
   * Where each run keeps its {@code report.json} and rejected rows, in a folder named by its run
   * id; default {@code datomize-runs}, relative to the working directory.
   */
  @Value.Default
  public Path runDirectory() {
    return Path.of("datomize-runs");
  }

  /**
   * Whether a run ends by verifying the target against the source; default true. Without it, verify
   * on its own later with {@code Migration...verify(runId)}.
   */
  @Value.Default
  public boolean verify() {
    return true;
  }

  /**
   * Verification compares the values of every n-th row; default 1, every row. Row counts and refs
   * are always checked in full.
   */
  @Value.Default
  public int verifySample() {
    return 1;
  }

  /**
   * Per table, a column whose value grows with every change of a row, such as an {@code updated_at}
   * set by a trigger; none by default. A run records each such column's greatest value, and the
   * next sync reads only the rows at or above it, plus the key columns of every row to find
   * deletes.
   */
  public abstract Map<TableName, String> watermarks();

  /**
   * What a sync does with the entity of a deleted source row; default {@link DeletedRows#RETRACT}.
   */
  @Value.Default
  public DeletedRows deletedRows() {
    return DeletedRows.RETRACT;
  }

  /** Every setting at its default. */
  public static RunOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    positive(batchSize(), "batch size");
    if (batchBytes() < 1) {
      throw new IllegalArgumentException("batch bytes must be at least 1, got " + batchBytes());
    }
    positive(transactionsInFlight(), "transactions in flight");
    positive(verifySample(), "verification sample interval");
  }

  private static void positive(int value, String what) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }

  public static class Builder extends ImmutableRunOptions.Builder {}
}
