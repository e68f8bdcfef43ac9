package io.datomize.testing;

import io.datomize.spi.BatchReceipt;
import io.datomize.spi.CommittedBatch;
import io.datomize.spi.PullSpec;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** A target that passes everything to another; tests override what they break. */
public class ForwardingTarget implements TargetSink {
  private final TargetSink target;

  public ForwardingTarget(TargetSink target) {
    this.target = target;
  }

  @Override
  public SchemaInstallation installSchema(TargetSchema schema) {
    return target.installSchema(schema);
  }

  @Override
  public CompletableFuture<BatchReceipt> submit(TxBatch batch) {
    return target.submit(batch);
  }

  @Override
  public List<CommittedBatch> committedBatches(String runId, String stepId) {
    return target.committedBatches(runId, stepId);
  }

  @Override
  public long countEntities(Attribute identity) {
    return target.countEntities(identity);
  }

  @Override
  public long countValues(Attribute attribute) {
    return target.countValues(attribute);
  }

  @Override
  public Stream<Object> identityValues(Attribute identity) {
    return target.identityValues(identity);
  }

  @Override
  public OptionalLong lastSourcePosition(String runId) {
    return target.lastSourcePosition(runId);
  }

  @Override
  public void recordRun(RunRecord record) {
    target.recordRun(record);
  }

  @Override
  public List<RunRecord> runRecords() {
    return target.runRecords();
  }

  @Override
  public List<Optional<Map<Attribute, Object>>> pull(PullSpec spec, List<LookupRef> identities) {
    return target.pull(spec, identities);
  }

  @Override
  public boolean beginBulkLoad(TargetSchema schema) {
    return target.beginBulkLoad(schema);
  }

  @Override
  public List<String> finishBulkLoad(TargetSchema schema) {
    return target.finishBulkLoad(schema);
  }

  @Override
  public Duration index() {
    return target.index();
  }

  @Override
  public TargetSink rehearsal() {
    return target.rehearsal();
  }

  @Override
  public void close() {
    target.close();
  }
}
