package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverter;
import io.datomize.internal.convert.RowConverters;
import io.datomize.model.AttributeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.NullPolicy;
import io.datomize.model.RefMapping;
import io.datomize.plan.BridgeStep;
import io.datomize.plan.LinkStep;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.run.RunOptions;
import io.datomize.spi.PullSpec;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowSource;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.verify.BridgeVerification;
import io.datomize.verify.TableVerification;
import io.datomize.verify.VerificationReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the target with the source after a run: row counts against entity counts, each row (or a
 * sample) converted again and compared value by value with the entity pulled from the target,
 * non-null foreign keys against ref values, and bridge rows against the values of their
 * cardinality-many refs. Rows the run rejected are expected to be missing.
 */
final class Verifier {
  private static final int PULL_CHUNK = 500;
  private static final int MAX_EXAMPLES = 5;

  private final Plan plan;
  private final RowSource source;
  private final TargetSink sink;
  private final RejectJournal journal;
  private final ConversionContext context;
  private final boolean knowsRunStart;
  private final int sampleEvery;
  private final long pullBytes;
  private final Map<TableName, Long> keptEntities;

  /**
   * @param knowsRunStart whether {@code context} has the run's real start; when not, values that a
   *     default-now null policy wrote are checked for presence only
   * @param options how often to compare values ({@link RunOptions#verifySample()}), and the bytes
   *     of rows to read and compare at a time ({@link RunOptions#batchBytes()})
   * @param keptEntities by table, the entities a sync kept although their source row is gone
   */
  Verifier(
      Plan plan,
      RowSource source,
      TargetSink sink,
      RejectJournal journal,
      ConversionContext context,
      boolean knowsRunStart,
      RunOptions options,
      Map<TableName, Long> keptEntities) {
    this.keptEntities = keptEntities;
    this.plan = plan;
    this.source = source;
    this.sink = sink;
    this.journal = journal;
    this.context = context;
    this.knowsRunStart = knowsRunStart;
    this.sampleEvery = options.verifySample();
    this.pullBytes = options.batchBytes();
  }

  VerificationReport verify() {
    VerificationReport.Builder report = VerificationReport.builder().sampleEvery(sampleEvery);
    for (LoadStep load : plan.steps(LoadStep.class)) {
      report.addTables(verifyTable(load));
    }
    for (BridgeStep bridge : plan.steps(BridgeStep.class)) {
      report.addBridges(
          BridgeVerification.builder()
              .table(bridge.table())
              .attribute(bridge.bridge().attribute())
              .sourceRows(source.stats(bridge.table(), bridge.keyColumns()).rowCount())
              .rejectedRows(journal.count(bridge.id()))
              .values(sink.countValues(bridge.bridge().attribute()))
              .build());
    }
    return report.build();
  }

  private TableVerification verifyTable(LoadStep load) {
    EntityMapping entity = load.entity();
    RowConverter converter = RowConverters.load(entity, plan.mapping(), Set.of(), context);
    Set<String> rejected = journal.rejectedKeys(load.id());
    Set<String> unlinked =
        plan.steps(LinkStep.class).stream()
            .filter(l -> l.table().equals(load.table()))
            .findFirst()
            .map(l -> journal.rejectedKeys(l.id()))
            .orElse(Set.of());
    Set<Attribute> deferred = load.deferredAttributes();
    Map<Attribute, String> defaultNowColumns = new HashMap<>();
    for (AttributeMapping a : entity.attributes()) {
      if (a.effectiveNullPolicy().kind() == NullPolicy.Kind.DEFAULT_NOW) {
        defaultNowColumns.put(a.attribute(), a.column());
      }
    }
    PullSpec spec = PullSpecs.of(plan.mapping(), entity, PullSpecs.written(entity));
    Comparison comparison = new Comparison(spec, unlinked, deferred, defaultNowColumns);

    LinkedHashSet<String> columns = new LinkedHashSet<>(load.keyColumns());
    columns.addAll(converter.columns());
    long rows = 0;
    long sourceRefs = 0;
    ReadRequest request =
        ReadRequest.builder()
            .table(load.table())
            .columns(List.copyOf(columns))
            .keyColumns(load.keyColumns())
            .fetchSize(1_000)
            .fetchBytes(RunContext.fetchBytes(pullBytes))
            .build();
    try (RowCursor cursor = source.read(request)) {
      while (cursor.hasNext()) {
        SourceRow row = cursor.next();
        String key = row.key().encode();
        Conversion conversion = converter.convert(row);
        if (rejected.contains(key)) {
          continue;
        }
        if (!conversion.isEntity()) {
          comparison.mismatch(
              load.table()
                  + " ("
                  + row.key()
                  + "): the row does not convert ("
                  + conversion
                  + ") yet the run did not reject it");
          continue;
        }
        TxEntity expected = conversion.entity();
        for (RefMapping ref : entity.refs()) {
          boolean linkLost = deferred.contains(ref.attribute()) && unlinked.contains(key);
          if (!linkLost && expected.valueOf(ref.attribute()) != null) {
            sourceRefs++;
          }
        }
        if (rows++ % sampleEvery == 0) {
          comparison.add(row, expected);
        }
      }
    }
    comparison.flush();
    long targetRefs = 0;
    for (RefMapping ref : entity.refs()) {
      targetRefs += sink.countValues(ref.attribute());
    }
    return TableVerification.builder()
        .table(load.table())
        .sourceRows(source.stats(load.table(), load.keyColumns()).rowCount())
        .rejectedRows(rejected.size())
        .entities(sink.countEntities(entity.identity().attribute()))
        .keptEntities(keptEntities.getOrDefault(load.table(), 0L))
        .compared(comparison.compared)
        .mismatches(comparison.mismatches)
        .sourceRefs(sourceRefs)
        .targetRefs(targetRefs)
        .examples(comparison.examples)
        .build();
  }

  /** Pulls entities in chunks and compares them with what their rows convert to. */
  private final class Comparison {
    private final PullSpec spec;
    private final Set<String> unlinked;
    private final Set<Attribute> deferred;
    private final Map<Attribute, String> defaultNowColumns;
    private final List<SourceRow> rows = new ArrayList<>(PULL_CHUNK);
    private final List<TxEntity> expected = new ArrayList<>(PULL_CHUNK);
    private final List<String> examples = new ArrayList<>();
    private long bytes;
    private long compared;
    private long mismatches;

    Comparison(
        PullSpec spec,
        Set<String> unlinked,
        Set<Attribute> deferred,
        Map<Attribute, String> defaultNowColumns) {
      this.spec = spec;
      this.unlinked = unlinked;
      this.deferred = deferred;
      this.defaultNowColumns = defaultNowColumns;
    }

    void add(SourceRow row, TxEntity entity) {
      rows.add(row);
      expected.add(entity);
      bytes += row.estimatedBytes();
      if (expected.size() == PULL_CHUNK || bytes >= pullBytes) {
        flush();
      }
    }

    void flush() {
      if (expected.isEmpty()) {
        return;
      }
      List<LookupRef> identities = expected.stream().map(TxEntity::identity).toList();
      List<Optional<Map<Attribute, Object>>> actual = sink.pull(spec, identities);
      for (int i = 0; i < expected.size(); i++) {
        compared++;
        compare(rows.get(i), expected.get(i), actual.get(i));
      }
      rows.clear();
      expected.clear();
      bytes = 0;
    }

    private void compare(SourceRow row, TxEntity want, Optional<Map<Attribute, Object>> pulled) {
      String name = row.shape().table() + " (" + row.key() + ")";
      if (pulled.isEmpty()) {
        mismatch(name + ": no entity " + want.identity() + " in the target");
        return;
      }
      Map<Attribute, Object> got = pulled.get();
      boolean linkLost = unlinked.contains(row.key().encode());
      Set<Attribute> seen = new HashSet<>();
      for (int i = 0; i < want.size(); i++) {
        Attribute attribute = want.attribute(i);
        seen.add(attribute);
        if (linkLost && deferred.contains(attribute)) {
          continue;
        }
        String nowColumn = defaultNowColumns.get(attribute);
        if (!knowsRunStart && nowColumn != null && row.get(nowColumn) == null) {
          if (!got.containsKey(attribute)) {
            mismatch(
                name + ": " + attribute + " has no value; the null policy asserts the run's start");
          }
          continue;
        }
        if (!sameValue(want.value(i), got.get(attribute))) {
          mismatch(
              name
                  + ": "
                  + attribute
                  + " is "
                  + describe(got.get(attribute))
                  + " in the target, "
                  + describe(want.value(i))
                  + " expected");
        }
      }
      for (Attribute attribute : got.keySet()) {
        if (!seen.contains(attribute) && !(linkLost && deferred.contains(attribute))) {
          mismatch(
              name
                  + ": "
                  + attribute
                  + " is "
                  + describe(got.get(attribute))
                  + " in the target, but the source row gives it no value");
        }
      }
    }

    void mismatch(String message) {
      mismatches++;
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(message);
      }
    }
  }

  private static boolean sameValue(Object want, Object got) {
    if (want instanceof Collection<?> many) {
      return got instanceof Collection<?> values
          && new HashSet<>(normalized(many)).equals(new HashSet<>(normalized(values)));
    }
    if (want instanceof byte[] bytes) {
      return got instanceof byte[] other && Arrays.equals(bytes, other);
    }
    if (want instanceof BigDecimal decimal) {
      return got instanceof BigDecimal other && decimal.compareTo(other) == 0;
    }
    return Objects.equals(RefValues.comparable(want), RefValues.comparable(got));
  }

  private static List<Object> normalized(Collection<?> values) {
    return values.stream()
        .map(v -> v instanceof byte[] b ? (Object) Arrays.toString(b) : RefValues.comparable(v))
        .toList();
  }

  private static String describe(Object value) {
    return SourceRow.describe(value);
  }
}
