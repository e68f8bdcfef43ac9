package io.datomize.internal.engine;

import io.datomize.catalog.TableName;
import io.datomize.internal.convert.Conversion;
import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverter;
import io.datomize.internal.convert.RowConverters;
import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.NullPolicy;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.report.RowError;
import io.datomize.run.DeletedRows;
import io.datomize.spi.ContentKey;
import io.datomize.spi.PullSpec;
import io.datomize.spi.RowChange;
import io.datomize.spi.RowKey;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import io.datomize.spi.SourceTransaction;
import io.datomize.spi.SyncMarks;
import io.datomize.spi.TargetSink;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Turns one source transaction into the entities that bring the target to the state after it: each
 * row's last change within the transaction wins; its converted row is compared with the entity the
 * target holds (so a nulled column retracts and many values change by their difference only); a
 * deleted row retracts its entity; bridge rows add and retract links on their owner. Entities come
 * out in the plan's load order, parents before children, so that a transaction the target refuses
 * and that is split to isolate a bad row still loads its parents first.
 */
final class ChangeApplier {
  private record EntityTable(
      int order,
      EntityMapping entity,
      RowConverter converter,
      RowConverter identity,
      PullSpec pull,
      List<Attribute> owned,
      Map<String, Attribute> attributeOfColumn,
      Map<Attribute, String> defaultNowColumns) {}

  private record BridgeTable(
      int order, BridgeMapping bridge, RowConverter converter, PullSpec pull) {}

  /** The net change of one row within a transaction: its last image, or null when deleted. */
  private record RowState(
      EntityTable table,
      LookupRef identity,
      RowKey key,
      TxEntity want,
      SourceRow row,
      Set<String> unchanged) {}

  private static final class Links {
    final BridgeTable table;
    final RowKey ownerKey;
    final LookupRef owner;
    final Set<Object> added = new LinkedHashSet<>();
    final Set<Object> removed = new LinkedHashSet<>();

    Links(BridgeTable table, RowKey ownerKey, LookupRef owner) {
      this.table = table;
      this.ownerKey = ownerKey;
      this.owner = owner;
    }
  }

  /** Where an entity handed to the target comes from, to name its row if the target refuses it. */
  private record Origin(TableName table, List<String> keyColumns, long position) {}

  /** What a transaction came to. */
  record Applied(List<TxEntity> entities, long changes, long ignored) {}

  private static final PullSpec MARKS =
      PullSpec.builder().addAttributes(SyncMarks.DELETED_AT).build();

  private final Map<TableName, EntityTable> entities = new HashMap<>();
  private final Map<TableName, BridgeTable> bridges = new HashMap<>();
  private final TargetSink target;
  private final DeletedRows deletedRows;
  private final LongFunction<String> positionFormat;
  private final Map<TxEntity, Origin> origins = new IdentityHashMap<>();

  /** The identities of the entities written since the target settled. */
  private final Set<LookupRef> written = new HashSet<>();

  // content-keyed rows, by table and hash: the entities the target held when first looked up since
  // the target settled, and the change of their number by the transactions applied since, which
  // may be in flight still
  private final Map<List<Object>, Long> held = new HashMap<>();
  private final Map<List<Object>, Long> pending = new HashMap<>();

  ChangeApplier(
      Plan plan,
      TargetSink target,
      ConversionContext context,
      DeletedRows deletedRows,
      LongFunction<String> positionFormat) {
    this.target = target;
    this.deletedRows = deletedRows;
    this.positionFormat = positionFormat;
    int order = 0;
    for (LoadStep load : plan.steps(LoadStep.class)) {
      EntityMapping entity = load.entity();
      List<Attribute> owned = new ArrayList<>(PullSpecs.written(entity));
      owned.add(SyncMarks.DELETED_AT);
      Map<String, Attribute> attributeOfColumn = new HashMap<>();
      Map<Attribute, String> defaultNow = new HashMap<>();
      for (AttributeMapping attribute : entity.attributes()) {
        attributeOfColumn.put(attribute.column(), attribute.attribute());
        if (attribute.effectiveNullPolicy().kind() == NullPolicy.Kind.DEFAULT_NOW) {
          defaultNow.put(attribute.attribute(), attribute.column());
        }
      }
      entities.put(
          entity.table(),
          new EntityTable(
              order++,
              entity,
              RowConverters.load(entity, plan.mapping(), Set.of(), context),
              RowConverters.identity(entity, plan.mapping(), context),
              PullSpecs.of(plan.mapping(), entity, owned),
              owned,
              attributeOfColumn,
              defaultNow));
    }
    for (BridgeMapping bridge : plan.mapping().bridges()) {
      bridges.put(
          bridge.table(),
          new BridgeTable(
              order++,
              bridge,
              RowConverters.bridge(bridge, plan.mapping(), context),
              PullSpecs.of(plan.mapping(), bridge)));
    }
  }

  /** The tables whose changes matter: those the mapping maps. */
  List<TableName> tables() {
    List<TableName> tables = new ArrayList<>(entities.keySet());
    tables.addAll(bridges.keySet());
    tables.sort(Comparator.comparing(TableName::toString));
    return tables;
  }

  /** A bridge's owner and target columns, which its deleted rows must carry to name the link. */
  Map<TableName, List<String>> oldRowColumns() {
    Map<TableName, List<String>> columns = new HashMap<>();
    bridges.forEach(
        (table, bridge) -> {
          List<String> ends = new ArrayList<>(bridge.bridge().ownerColumns());
          ends.addAll(bridge.bridge().targetColumns());
          columns.put(table, ends);
        });
    return columns;
  }

  /**
   * The entities that apply {@code tx}; rows that do not convert go to {@code rejected}, their
   * reason naming the transaction's position.
   *
   * @param drainInFlight waits for the transactions of earlier calls to commit; called before the
   *     target is read for an entity that one of them writes, since the target does not show a
   *     transaction in flight and a diff against it would be stale
   */
  Applied apply(SourceTransaction tx, Consumer<RowError> rejected, Runnable drainInFlight) {
    Map<LookupRef, RowState> rows = new LinkedHashMap<>();
    Map<List<Object>, Links> links = new LinkedHashMap<>();
    long changes = 0;
    long ignored = 0;
    for (RowChange change : tx.changes()) {
      EntityTable entity = entities.get(change.table());
      BridgeTable bridge = bridges.get(change.table());
      if (entity == null && bridge == null) {
        ignored++;
        continue;
      }
      changes++;
      Consumer<RowError> reject = error -> rejected.accept(at(error, tx.commitPosition()));
      if (entity != null) {
        rowChange(entity, change, rows, reject);
      } else {
        linkChange(bridge, change, links, reject);
      }
    }
    if (rows.keySet().stream().anyMatch(written::contains)
        || links.values().stream().anyMatch(l -> written.contains(l.owner))) {
      drainInFlight.run();
      written.clear();
    }
    List<TxEntity> out = new ArrayList<>();
    Map<LookupRef, Integer> ownerAt = new HashMap<>();
    List<RowState> ordered = new ArrayList<>(rows.values());
    ordered.sort(Comparator.comparingInt(s -> s.table().order()));
    entityChanges(ordered, tx, out, ownerAt);
    linkChanges(links.values(), rows, out, ownerAt);
    for (TxEntity entity : out) {
      origins.put(entity, originOf(entity, tx.commitPosition()));
      written.add(entity.identity());
    }
    return new Applied(out, changes, ignored);
  }

  /** The error naming the source row of an entity of {@link #apply} that the target refused. */
  RowError refusal(TxEntity entity, String reason) {
    Origin origin = origins.get(entity);
    return RowError.builder()
        .table(origin.table())
        .key(entity.sourceKey())
        .keyColumns(origin.keyColumns())
        .reason(
            reason
                + " (in the source transaction at "
                + positionFormat.apply(origin.position())
                + ")")
        .build();
  }

  /** Forgets the origins of entities the target has settled. */
  void settled() {
    origins.clear();
    written.clear();
    held.clear();
    pending.clear();
  }

  private Origin originOf(TxEntity entity, long position) {
    for (EntityTable table : entities.values()) {
      if (table.entity().identity().attribute().equals(entity.identity().attribute())) {
        return new Origin(table.entity().table(), table.entity().identity().columns(), position);
      }
    }
    throw new IllegalStateException("no mapped table has the identity of " + entity);
  }

  private RowError at(RowError error, long position) {
    return RowError.builder()
        .from(error)
        .reason(
            error.reason()
                + " (in the source transaction at "
                + positionFormat.apply(position)
                + ")")
        .build();
  }

  private void rowChange(
      EntityTable table,
      RowChange change,
      Map<LookupRef, RowState> rows,
      Consumer<RowError> reject) {
    if (ContentKey.isContentKey(table.entity().identity().columns())) {
      contentKeyedChange(table, change, rows, reject);
      return;
    }
    LookupRef old = null;
    RowKey oldKey = null;
    if (change.oldRow().isPresent()) {
      Conversion identity = table.identity().convert(change.oldRow().get());
      if (identity.isError()) {
        reject.accept(identity.error());
        return;
      }
      old = identity.entity().identity();
      oldKey = identity.entity().sourceKey();
    }
    if (change.newRow().isEmpty()) {
      rows.put(old, new RowState(table, old, oldKey, null, change.oldRow().get(), Set.of()));
      return;
    }
    Conversion conversion = table.converter().convert(change.newRow().get());
    if (conversion.isError()) {
      if (old != null) {
        // the old row is gone whatever its new image holds
        rows.put(old, new RowState(table, old, oldKey, null, change.oldRow().get(), Set.of()));
      }
      reject.accept(conversion.error());
      return;
    }
    TxEntity want = conversion.entity();
    if (old != null && !old.equals(want.identity())) {
      rows.put(old, new RowState(table, old, oldKey, null, change.oldRow().get(), Set.of()));
    }
    RowState before = rows.get(want.identity());
    Set<String> unchanged = new HashSet<>(change.unchangedColumns());
    if (before != null && before.want() != null) {
      // a column unchanged since an earlier change of this transaction has that change's value
      unchanged.removeIf(column -> before.row().get(column) != null);
    }
    rows.remove(want.identity());
    rows.put(
        want.identity(),
        new RowState(
            table, want.identity(), want.sourceKey(), want, change.newRow().get(), unchanged));
  }

  /**
   * A change of a row identified by its content: equal rows are indistinguishable, so a deleted row
   * takes the entity of its hash with the highest occurrence, an inserted one the next occurrence,
   * and an update is both; a fresh load numbers the remaining equal rows the same way.
   */
  private void contentKeyedChange(
      EntityTable table,
      RowChange change,
      Map<LookupRef, RowState> rows,
      Consumer<RowError> reject) {
    if (change.oldRow().isPresent()) {
      SourceRow oldRow = change.oldRow().get();
      String hash = hashOf(table, oldRow);
      long occurrence = occurrences(table, hash);
      if (occurrence > 0) {
        Conversion identity = table.identity().convert(withContentKey(oldRow, hash, occurrence));
        if (identity.isError()) {
          reject.accept(identity.error());
          return;
        }
        LookupRef ref = identity.entity().identity();
        RowState inserted = rows.get(ref);
        if (inserted != null && inserted.want() != null && occurrence > heldOf(table, hash)) {
          // inserted earlier in this transaction: the target never held it
          rows.remove(ref);
        } else {
          rows.put(
              ref, new RowState(table, ref, identity.entity().sourceKey(), null, oldRow, Set.of()));
        }
        pending.merge(List.of(table.entity().table(), hash), -1L, Long::sum);
      }
    }
    if (change.newRow().isPresent()) {
      SourceRow newRow = change.newRow().get();
      String hash = hashOf(table, newRow);
      long occurrence = occurrences(table, hash) + 1;
      SourceRow keyed = withContentKey(newRow, hash, occurrence);
      Conversion conversion = table.converter().convert(keyed);
      if (conversion.isError()) {
        reject.accept(conversion.error());
        return;
      }
      TxEntity want = conversion.entity();
      rows.remove(want.identity());
      rows.put(
          want.identity(),
          new RowState(table, want.identity(), want.sourceKey(), want, keyed, Set.of()));
      pending.merge(List.of(table.entity().table(), hash), 1L, Long::sum);
    }
  }

  private static String hashOf(EntityTable table, SourceRow row) {
    if (row.shape().indexOf(ContentKey.HASH) < 0) {
      throw new IllegalStateException(
          "the change source gave no "
              + ContentKey.HASH
              + " for a change of "
              + table.entity().table()
              + ", whose rows are identified by their content");
    }
    return (String) row.get(ContentKey.HASH);
  }

  /** Entities of the hash once this transaction's changes so far apply. */
  private long occurrences(EntityTable table, String hash) {
    return heldOf(table, hash) + pending.getOrDefault(List.of(table.entity().table(), hash), 0L);
  }

  /**
   * Entities of the hash the target holds: occurrences run from 1 without gaps, as a load numbers
   * them and as deletes take the highest, so they are counted by looking up 1, 2, ... in chunks.
   */
  private long heldOf(EntityTable table, String hash) {
    return held.computeIfAbsent(
        List.of(table.entity().table(), hash),
        k -> {
          Attribute identity = table.entity().identity().attribute();
          long count = 0;
          int chunk = 4;
          while (true) {
            List<LookupRef> refs = new ArrayList<>(chunk);
            for (int i = 1; i <= chunk; i++) {
              refs.add(LookupRef.of(identity, Tuple.of(hash, count + i)));
            }
            List<Optional<Map<Attribute, Object>>> found = target.pull(table.pull(), refs);
            for (Optional<Map<Attribute, Object>> entity : found) {
              if (entity.isEmpty()) {
                return count;
              }
              count++;
            }
            chunk *= 2;
          }
        });
  }

  /** The row with the content key columns, as a content-keyed read gives it. */
  private static SourceRow withContentKey(SourceRow row, String hash, long occurrence) {
    List<String> columns = new ArrayList<>(row.shape().columns());
    columns.remove(ContentKey.HASH);
    Object[] values = new Object[columns.size() + 2];
    for (int i = 0; i < columns.size(); i++) {
      values[i] = row.get(columns.get(i));
    }
    values[columns.size()] = hash;
    values[columns.size() + 1] = occurrence;
    columns.addAll(ContentKey.COLUMNS);
    return SourceRow.of(RowShape.of(row.shape().table(), columns, ContentKey.COLUMNS), values);
  }

  private void linkChange(
      BridgeTable table,
      RowChange change,
      Map<List<Object>, Links> links,
      Consumer<RowError> reject) {
    if (change.oldRow().isPresent()) {
      Conversion conversion = table.converter().convert(change.oldRow().get());
      if (conversion.isError()) {
        reject.accept(
            RowError.builder()
                .from(conversion.error())
                .reason(
                    conversion.error().reason()
                        + "; a bridge table's replica identity must give its owner and target"
                        + " columns: its primary key, or REPLICA IDENTITY FULL")
                .build());
      } else {
        Links owner = linksOf(table, conversion.entity(), links);
        for (Object value : values(conversion.entity(), table)) {
          owner.added.remove(value);
          owner.removed.add(value);
        }
      }
    }
    if (change.newRow().isPresent()) {
      Conversion conversion = table.converter().convert(change.newRow().get());
      if (conversion.isError()) {
        reject.accept(conversion.error());
        return;
      }
      Links owner = linksOf(table, conversion.entity(), links);
      for (Object value : values(conversion.entity(), table)) {
        owner.removed.remove(value);
        owner.added.add(value);
      }
    }
  }

  private static Links linksOf(BridgeTable table, TxEntity link, Map<List<Object>, Links> links) {
    return links.computeIfAbsent(
        List.of(link.identity(), table.bridge().attribute()),
        k -> new Links(table, link.sourceKey(), link.identity()));
  }

  private static Collection<?> values(TxEntity link, BridgeTable table) {
    Object values = link.valueOf(table.bridge().attribute());
    return values instanceof Collection<?> many ? many : List.of();
  }

  private void entityChanges(
      List<RowState> ordered,
      SourceTransaction tx,
      List<TxEntity> out,
      Map<LookupRef, Integer> ownerAt) {
    Map<EntityTable, List<RowState>> upserts = new LinkedHashMap<>();
    for (RowState state : ordered) {
      if (state.want() != null) {
        upserts.computeIfAbsent(state.table(), t -> new ArrayList<>()).add(state);
      }
    }
    Map<LookupRef, Optional<Map<Attribute, Object>>> held = new HashMap<>();
    upserts.forEach(
        (table, states) -> {
          List<LookupRef> identities = states.stream().map(s -> s.want().identity()).toList();
          List<Optional<Map<Attribute, Object>>> pulled = target.pull(table.pull(), identities);
          for (int i = 0; i < identities.size(); i++) {
            held.put(identities.get(i), pulled.get(i));
          }
        });
    for (RowState state : ordered) {
      if (state.want() == null) {
        deleted(state, tx, out);
        continue;
      }
      EntityTable table = state.table();
      List<Attribute> owned = table.owned();
      if (!state.unchanged().isEmpty()) {
        owned = new ArrayList<>(owned);
        for (String column : state.unchanged()) {
          owned.remove(table.attributeOfColumn().get(column));
        }
      }
      TxEntity change =
          EntityDiff.delta(
              state.want(), held.get(state.want().identity()), owned, keptWhenPresent(state));
      if (change != null) {
        ownerAt.put(change.identity(), out.size());
        out.add(change);
      } else {
        ownerAt.put(state.want().identity(), -1);
      }
    }
  }

  private void deleted(RowState state, SourceTransaction tx, List<TxEntity> out) {
    switch (deletedRows) {
      case RETRACT -> out.add(TxEntity.retraction(state.key(), state.identity()));
      case MARK -> {
        boolean unmarked =
            target
                .pull(MARKS, List.of(state.identity()))
                .get(0)
                .map(values -> !values.containsKey(SyncMarks.DELETED_AT))
                .orElse(false);
        if (unmarked) {
          out.add(
              TxEntity.builder(state.key(), state.identity(), 1)
                  .add(SyncMarks.DELETED_AT, tx.commitTime())
                  .build());
        }
      }
      case REPORT -> {
        // the entity stays, as a sync with this option leaves it
      }
    }
  }

  private static Set<Attribute> keptWhenPresent(RowState state) {
    if (state.table().defaultNowColumns().isEmpty()) {
      return Set.of();
    }
    Set<Attribute> kept = new HashSet<>();
    state
        .table()
        .defaultNowColumns()
        .forEach(
            (attribute, column) -> {
              if (state.row().get(column) == null) {
                kept.add(attribute);
              }
            });
    return kept;
  }

  /**
   * Adds the links the target lacks and retracts those it holds, merged into the owner's own change
   * when the transaction changed the owner's row too; nothing for an owner this transaction
   * deleted, whose retraction takes its links along.
   */
  private void linkChanges(
      Collection<Links> all,
      Map<LookupRef, RowState> rows,
      List<TxEntity> out,
      Map<LookupRef, Integer> ownerAt) {
    Map<BridgeTable, List<Links>> byBridge = new LinkedHashMap<>();
    for (Links links : all) {
      RowState owner = rows.get(links.owner);
      if (owner == null || owner.want() != null) {
        byBridge.computeIfAbsent(links.table, t -> new ArrayList<>()).add(links);
      }
    }
    List<TxEntity> linkOnly = new ArrayList<>();
    byBridge.forEach(
        (table, owners) -> {
          Attribute attribute = table.bridge().attribute();
          List<Optional<Map<Attribute, Object>>> held =
              target.pull(table.pull(), owners.stream().map(l -> l.owner).toList());
          for (int i = 0; i < owners.size(); i++) {
            Links links = owners.get(i);
            Object values = held.get(i).map(v -> v.get(attribute)).orElse(null);
            Set<Object> has = values instanceof Collection<?> many ? new HashSet<>(many) : Set.of();
            List<Object> added = links.added.stream().filter(v -> !has.contains(v)).toList();
            List<Object> removed = links.removed.stream().filter(has::contains).toList();
            if (added.isEmpty() && removed.isEmpty()) {
              continue;
            }
            Integer at = ownerAt.get(links.owner);
            TxEntity.Builder change =
                at == null || at < 0
                    ? TxEntity.builder(links.ownerKey, links.owner, 1)
                    : copy(out.get(at));
            if (!added.isEmpty()) {
              change.add(attribute, added);
            }
            if (!removed.isEmpty()) {
              change.retract(attribute, removed);
            }
            if (at == null || at < 0) {
              linkOnly.add(change.build());
            } else {
              out.set(at, change.build());
            }
          }
        });
    out.addAll(linkOnly);
  }

  private static TxEntity.Builder copy(TxEntity entity) {
    TxEntity.Builder copy =
        TxEntity.builder(entity.sourceKey(), entity.identity(), entity.size() + 1);
    for (int i = 0; i < entity.size(); i++) {
      copy.add(entity.attribute(i), entity.value(i));
    }
    for (int i = 0; i < entity.retractionCount(); i++) {
      copy.retract(entity.retractedAttribute(i), entity.retractedValue(i));
    }
    return copy;
  }
}
