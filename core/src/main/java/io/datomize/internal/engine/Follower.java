package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.model.EntityMapping;
import io.datomize.plan.Plan;
import io.datomize.report.FollowReport;
import io.datomize.report.MigrationReport;
import io.datomize.run.FollowOptions;
import io.datomize.run.FollowProgress;
import io.datomize.run.MigrationFailedException;
import io.datomize.run.RunOptions;
import io.datomize.spi.ChangeSource;
import io.datomize.spi.ChangeStream;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.FollowRequest;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceException;
import io.datomize.spi.SourceTransaction;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a source's change stream into the target: loads (or syncs) the slot's snapshot when the
 * slot is new, then applies each source transaction as one target transaction (split when large,
 * the source position on the last part) in commit order. Transactions are submitted while earlier
 * ones are in flight; the slot is confirmed up to a position only once the target has committed
 * every transaction up to it, and the target stores each position with its transaction, so a
 * restart resumes after the last one the target holds.
 */
final class Follower {
  private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
  static final String STEP = "follow";
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private final Plan plan;
  private final RowSource liveRows;
  private final ChangeSource changes;
  private final TargetSink target;
  private final RunOptions options;
  private final FollowOptions follow;
  private final Supplier<Set<TableName>> sourceTables;
  private final Set<TableName> tablesAtStart;

  // the stream's state, on the follower's thread only
  private ChangeStream stream;
  private ChangeApplier applier;
  private BatchPipeline pipeline;
  private long sequence;
  private OptionalLong submitted = OptionalLong.empty();
  private OptionalLong applied = OptionalLong.empty();
  private Instant appliedCommitTime;
  private int transactionsInFlight;
  private long transactions;
  private long changeCount;
  private long ignored;
  private long changesAtLastReport;
  private long lastReport = System.nanoTime();

  Follower(
      Plan plan,
      RowSource liveRows,
      ChangeSource changes,
      TargetSink target,
      RunOptions options,
      FollowOptions follow,
      Supplier<Set<TableName>> sourceTables) {
    this.sourceTables = sourceTables;
    this.tablesAtStart = sourceTables.get();
    this.plan = plan;
    this.liveRows = liveRows;
    this.changes = changes;
    this.target = target;
    this.options = options;
    this.follow = follow;
  }

  FollowReport follow() {
    Instant started = Instant.now();
    String followId = follow.followId();
    ConversionContext context = ConversionContext.of(started, plan.mapping().options());
    applier =
        new ChangeApplier(plan, target, context, options.deletedRows(), follow.positionFormat());
    OptionalLong resumedAfter = target.lastSourcePosition(followId);
    applied = resumedAfter;
    FollowRequest request =
        FollowRequest.builder()
            .slot(follow.slot())
            .publication(follow.publication())
            .tables(applier.tables())
            .oldRowColumns(applier.oldRowColumns())
            .startAfter(resumedAfter)
            .build();
    LOG.info(
        "following {} through slot {} after {}",
        followId,
        follow.slot(),
        resumedAfter.isPresent() ? format(resumedAfter.getAsLong()) : "the slot's start");
    List<CommittedBatch> committed = target.committedBatches(followId, STEP);
    sequence = committed.stream().mapToLong(CommittedBatch::sequence).max().orElse(-1) + 1;
    FollowReport.Stop stop;
    boolean dropped = false;
    Optional<MigrationReport> snapshot;
    try (RejectJournal journal = RejectJournal.open(options.runDirectory(), followId)) {
      RunContext run = new RunContext(followId, liveRows, target, journal, options, -1);
      StepTally tally = new StepTally(run, STEP, null);
      // a missing prerequisite fails the open with a SourceException that says how to meet it
      ChangeStream opened = changes.open(request);
      try (opened) {
        stream = opened;
        snapshot = catchUp(resumedAfter);
        pipeline =
            new BatchPipeline(
                run, STEP, applier::refusal, tally, entities -> {}, e -> !e.retractsEntity());
        stop = stream(run, tally);
        if (follow.dropSlotWhenDone() && stop != FollowReport.Stop.INTERRUPTED) {
          stream.dropSlot();
          dropped = true;
          LOG.info("dropped slot {} and publication {}", follow.slot(), follow.publication());
        }
      } catch (RunStopped e) {
        throw failed(e.getMessage(), e);
      } catch (SourceException e) {
        throw failed("the change stream stopped: " + e.getMessage(), e);
      }
      if (stop == FollowReport.Stop.INTERRUPTED) {
        Thread.currentThread().interrupt();
      }
      LOG.info(
          "stopped following {} ({}) at {}: {} transactions, {} changes, {} rejected",
          followId,
          stop,
          applied.isPresent() ? format(applied.getAsLong()) : "the start",
          transactions,
          changeCount,
          tally.rowsRejected);
      return FollowReport.builder()
          .followId(followId)
          .slot(follow.slot())
          .resumedAfter(resumedAfter)
          .snapshot(snapshot)
          .transactions(transactions)
          .changes(changeCount)
          .changesIgnored(ignored)
          .rowsRejected(tally.rowsRejected)
          .lastPosition(applied)
          .stop(stop)
          .slotDropped(dropped)
          .started(started)
          .finished(Instant.now())
          .rejectsFile(journal.file())
          .build();
    }
  }

  /**
   * Brings the target to the slot's start: loads the snapshot into an empty target, or syncs a
   * loaded one from it; for a slot that exists while the target holds no position of it (a first
   * start stopped before its snapshot was loaded), syncs from the source as it is now, which the
   * stream then replays over. The slot's start is then recorded as the target's position.
   */
  private Optional<MigrationReport> catchUp(OptionalLong resumedAfter) {
    Optional<RowSource> snapshot = stream.snapshot();
    MigrationReport report;
    if (snapshot.isPresent()) {
      try (RowSource rows = snapshot.get()) {
        MigrationRun run = new MigrationRun(plan, rows, target, options);
        report = targetIsEmpty() ? run.start() : run.sync();
      }
    } else if (resumedAfter.isEmpty()) {
      LOG.warn(
          "slot {} exists but the target holds no position of {}: its snapshot was not loaded to"
              + " the end; syncing from the source as it is now before streaming",
          follow.slot(),
          follow.followId());
      report = new MigrationRun(plan, liveRows, target, options).sync();
    } else {
      return Optional.empty();
    }
    long start = stream.slotStart();
    commit(
        TxBatch.builder()
            .runId(follow.followId())
            .stepId(STEP)
            .sequence(sequence++)
            .afterKey(
                resumedAfter.isPresent()
                    ? Optional.of(key(resumedAfter.getAsLong()))
                    : Optional.empty())
            .lastKey(key(start))
            .sourcePosition(start)
            .build());
    stream.confirm(start);
    applied = OptionalLong.of(start);
    return Optional.of(report);
  }

  private boolean targetIsEmpty() {
    for (EntityMapping entity : plan.mapping().entities()) {
      if (target.countEntities(entity.identity().attribute()) > 0) {
        return false;
      }
    }
    return true;
  }

  private FollowReport.Stop stream(RunContext run, StepTally tally) {
    boolean idle = false;
    long serverAtIdle = -1;
    while (true) {
      if (applied.isPresent() && reached(applied.getAsLong())) {
        return FollowReport.Stop.POSITION_REACHED;
      }
      if (Thread.interrupted()) {
        settle(tally);
        return FollowReport.Stop.INTERRUPTED;
      }
      Optional<SourceTransaction> next = stream.next(follow.idleWait());
      if (next.isEmpty()) {
        settle(tally);
        checkTables();
        if (idle && caughtUp(serverAtIdle)) {
          return follow.untilCaughtUp()
              ? FollowReport.Stop.CAUGHT_UP
              : FollowReport.Stop.POSITION_REACHED;
        }
        idle = true;
        serverAtIdle = stream.currentPosition();
        report(tally, serverAtIdle, Duration.ZERO);
        continue;
      }
      idle = false;
      SourceTransaction tx = next.get();
      if (applied.isPresent()
          && Long.compareUnsigned(tx.commitPosition(), applied.getAsLong()) <= 0) {
        LOG.debug(
            "skipping the transaction at {}, which the target holds", format(tx.commitPosition()));
        continue;
      }
      submit(run, tally, tx);
      if (transactionsInFlight >= options.transactionsInFlight()) {
        settle(tally);
        reportEverySecond(tally);
      }
      if (reached(tx.commitPosition())) {
        settle(tally);
        return FollowReport.Stop.POSITION_REACHED;
      }
    }
  }

  /**
   * Stops when a table was created or dropped in the source since the follower started: the change
   * stream carries no DDL, and whether a new table is to be mapped is the user's call.
   */
  private void checkTables() {
    Set<TableName> now = sourceTables.get();
    if (!now.equals(tablesAtStart)) {
      Set<TableName> created = new TreeSet<>(now);
      created.removeAll(tablesAtStart);
      Set<TableName> dropped = new TreeSet<>(tablesAtStart);
      dropped.removeAll(now);
      throw new SourceException(
          "the source's tables changed while following (created: "
              + created
              + ", dropped: "
              + dropped
              + "); stop, adjust the mapping if it is to map them, sync the target with the source,"
              + " then follow again",
          null);
    }
  }

  private boolean reached(long position) {
    return follow.untilPosition().isPresent()
        && Long.compareUnsigned(position, follow.untilPosition().getAsLong()) >= 0;
  }

  /**
   * Whether an idle wait that began once the source's log was at {@code serverAtIdle} means the
   * follower is done: no change came for a whole wait after the source had written what it waits
   * for.
   */
  private boolean caughtUp(long serverAtIdle) {
    return follow.untilCaughtUp() || reached(serverAtIdle);
  }

  /**
   * A source transaction's entities cut into batches as a load cuts its rows; a single empty batch
   * when there are none, which still carries the transaction's position.
   */
  private static List<List<TxEntity>> slices(RunContext run, List<TxEntity> entities) {
    List<List<TxEntity>> slices = new ArrayList<>();
    int start = 0;
    long bytes = 0;
    for (int i = 0; i < entities.size(); i++) {
      bytes += entities.get(i).estimatedBytes();
      if (run.batchFull(i + 1 - start, bytes)) {
        slices.add(entities.subList(start, i + 1));
        start = i + 1;
        bytes = 0;
      }
    }
    if (start < entities.size() || slices.isEmpty()) {
      slices.add(entities.subList(start, entities.size()));
    }
    return slices;
  }

  private void submit(RunContext run, StepTally tally, SourceTransaction tx) {
    ChangeApplier.Applied applied = applier.apply(tx, tally::reject, this::drain);
    run.rowsRead(applied.changes());
    changeCount += applied.changes();
    ignored += applied.ignored();
    List<List<TxEntity>> slices = slices(run, applied.entities());
    for (int part = 0; part < slices.size(); part++) {
      TxBatch.Builder batch =
          TxBatch.builder()
              .runId(follow.followId())
              .stepId(STEP)
              .sequence(sequence++)
              .afterKey(
                  submitted.isPresent()
                      ? Optional.of(key(submitted.getAsLong()))
                      : Optional.empty())
              .lastKey(key(tx.commitPosition()))
              .entities(slices.get(part));
      if (part == slices.size() - 1) {
        batch.sourcePosition(tx.commitPosition());
      }
      pipeline.submit(batch.build());
    }
    submitted = OptionalLong.of(tx.commitPosition());
    appliedCommitTime = tx.commitTime();
    transactionsInFlight++;
    transactions++;
  }

  /** Waits for every transaction in flight, then confirms the last one to the source. */
  private void settle(StepTally tally) {
    drain();
    applier.settled();
  }

  private void drain() {
    pipeline.drain();
    transactionsInFlight = 0;
    if (submitted.isPresent()
        && (applied.isEmpty() || submitted.getAsLong() != applied.getAsLong())) {
      stream.confirm(submitted.getAsLong());
      applied = submitted;
    }
  }

  private void reportEverySecond(StepTally tally) {
    if (System.nanoTime() - lastReport >= PROGRESS_INTERVAL.toNanos()) {
      report(tally, stream.currentPosition(), Duration.between(appliedCommitTime, Instant.now()));
    }
  }

  private void report(StepTally tally, long server, Duration lag) {
    long now = System.nanoTime();
    double seconds = (now - lastReport) / 1e9;
    double rate = seconds > 0 ? (changeCount - changesAtLastReport) / seconds : 0;
    lastReport = now;
    changesAtLastReport = changeCount;
    long lagBytes = applied.isPresent() ? Math.max(0, server - applied.getAsLong()) : 0;
    follow
        .listener()
        .progress(
            new FollowProgress(
                applied,
                server,
                transactions,
                changeCount,
                tally.rowsRejected,
                rate,
                lagBytes,
                lag.isNegative() ? Duration.ZERO : lag));
  }

  private void commit(TxBatch batch) {
    try {
      target.submit(batch).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new RunStopped(
          "the target failed to record the follower's position: " + e.getCause().getMessage(), e);
    }
  }

  private MigrationFailedException failed(String message, RuntimeException cause) {
    if (pipeline != null) {
      pipeline.abandon();
    }
    return MigrationFailedException.ofFollower(
        "following "
            + follow.followId()
            + " stopped: "
            + message
            + "; the target holds every transaction up to "
            + (applied.isPresent() ? format(applied.getAsLong()) : "none of the stream"),
        follow.followId(),
        cause);
  }

  private String format(long position) {
    return follow.positionFormat().apply(position);
  }

  private static RowKey key(long position) {
    return RowKey.of(position);
  }
}
