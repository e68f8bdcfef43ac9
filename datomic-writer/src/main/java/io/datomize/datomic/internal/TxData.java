package io.datomize.datomic.internal;

import static io.datomize.datomic.internal.Keywords.DB_ADD;
import static io.datomize.datomic.internal.Keywords.DB_RETRACT;
import static io.datomize.datomic.internal.Keywords.DB_RETRACT_ENTITY;

import clojure.lang.Keyword;
import datomic.Database;
import io.datomize.spi.BatchRejectedException;
import io.datomize.spi.TxBatch;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.EnumIdent;
import io.datomize.target.LookupRef;
import io.datomize.target.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a core batch into Peer transaction data: list-form {@code [:db/add tempid attr value]}
 * datoms (measurably faster to transact than entity maps), one string tempid per entity named in
 * the batch, with its identity asserted so that every load is an upsert. A sync's retractions are
 * {@code [:db/retract eid attr value]} and {@code [:db/retractEntity eid]} on the existing entity.
 *
 * <p>A ref asserted in a batch to an entity that the same batch retracts is not treated specially:
 * {@code :db/retractEntity} retracts the refs the database holds before the transaction, so such a
 * ref would survive, pointing at an empty entity. A sync makes one only when a source row refers to
 * a deleted row, which a foreign key forbids.
 */
public final class TxData {
  private static final String TX = "datomic.tx";
  private static final String TEMPID_PREFIX = "e";
  private static final Keyword RUN_ID = Keywords.of(SchemaForms.RUN_ID.ident());
  private static final Keyword STEP_ID = Keywords.of(SchemaForms.STEP_ID.ident());
  private static final Keyword SEQUENCE = Keywords.of(SchemaForms.SEQUENCE.ident());
  private static final Keyword AFTER_KEY = Keywords.of(SchemaForms.AFTER_KEY.ident());
  private static final Keyword LAST_KEY = Keywords.of(SchemaForms.LAST_KEY.ident());
  private static final Keyword SOURCE_POSITION = Keywords.of(SchemaForms.SOURCE_POSITION.ident());

  private TxData() {}

  /**
   * @param db the database that refs, retractions and the entities of link and bridge rows are
   *     resolved against, asked for at the first of them
   */
  public static List<Object> of(TxBatch batch, Supplier<Database> db) {
    return of(batch, db, null);
  }

  /**
   * @param bulk for a {@linkplain TxBatch#bulk() bulk batch}, the entities the load made: a known
   *     entity is named by its id, a ref by its target's id
   * @throws BatchRejectedException when a ref of a bulk batch names an entity the load did not make
   */
  static List<Object> of(TxBatch batch, Supplier<Database> db, EntityIds bulk) {
    List<TxEntity> entities = batch.entities();
    // a capacity hint only: the batch's rows are of one table, so its first entity's size is
    // typical
    int perEntity = entities.isEmpty() ? 0 : entities.get(0).size() + 1;
    List<Object> tx = new ArrayList<>(entities.size() * perEntity + SchemaForms.METADATA.size());
    // A lookup ref resolves against the database before the transaction, so one to an entity of
    // this same batch would fail for a new entity: such refs point at the entity's tempid instead.
    // Rows that name the same entity (a bridge's rows of one owner) share its first tempid, so its
    // identity is asserted and upserted once. An entity that only loses values exists already: it
    // asserts no identity and lends no tempid, which would otherwise name a new, empty entity.
    // each identity's name in the transaction: its tempid, or its entity id when the Peer found it
    Map<LookupRef, Object> named = new HashMap<>(entities.size() * 2);
    Object[] ids = new Object[entities.size()];
    boolean[] asserted = new boolean[ids.length];
    Attribute identities = null;
    boolean mixedIdentities = false;
    Resolver existing = new Resolver(db);
    for (int i = 0; i < ids.length; i++) {
      TxEntity entity = entities.get(i);
      if (!assertsIdentity(entity)) {
        continue;
      }
      LookupRef identity = entity.identity();
      Long made =
          bulk == null
              ? null
              : bulk.get(Keywords.of(identity.attribute()), toDatomic(identity.value()), db);
      if (made != null) {
        if (batch.newEntities()) {
          bulk.shared(Keywords.of(identity.attribute()), toDatomic(identity.value()));
        }
        ids[i] = made;
        continue;
      }
      // The entity of a link or bridge row exists (its load step ran before), so the Peer finds
      // it here rather than the transactor by upserting its identity, as it would for each row.
      Object found = bulk == null && !batch.newEntities() ? existing.entity(identity) : null;
      Object fresh = found != null ? found : TEMPID_PREFIX + i;
      Object known = named.putIfAbsent(identity, fresh);
      if (known != null && bulk != null && batch.newEntities()) {
        bulk.shared(Keywords.of(identity.attribute()), toDatomic(identity.value()));
      }
      asserted[i] = known == null && found == null;
      ids[i] = known == null ? fresh : known;
      mixedIdentities |= identities != null && !identities.equals(identity.attribute());
      identities = identity.attribute();
    }
    Refs refs = new Refs(named, mixedIdentities ? null : identities, bulk, db, existing);
    for (int i = 0; i < ids.length; i++) {
      TxEntity entity = entities.get(i);
      if (entity.retractsEntity() || entity.retractionCount() > 0) {
        retractions(entity, existing, tx);
      }
      Object id = ids[i];
      if (id == null) {
        continue;
      }
      if (asserted[i]) {
        LookupRef identity = entity.identity();
        tx.add(List.of(DB_ADD, id, Keywords.of(identity.attribute()), toDatomic(identity.value())));
      }
      for (int j = 0; j < entity.size(); j++) {
        Keyword attribute = Keywords.of(entity.attribute(j));
        Object value = entity.value(j);
        if (value instanceof Collection<?> many) {
          for (Object element : many) {
            tx.add(List.of(DB_ADD, id, attribute, toDatomic(element, refs)));
          }
        } else {
          tx.add(List.of(DB_ADD, id, attribute, toDatomic(value, refs)));
        }
      }
    }
    if (batch.recordsCheckpoint()) {
      tx.add(List.of(DB_ADD, TX, RUN_ID, batch.runId()));
      tx.add(List.of(DB_ADD, TX, STEP_ID, batch.stepId()));
      tx.add(List.of(DB_ADD, TX, SEQUENCE, batch.sequence()));
      batch.afterKey().ifPresent(after -> tx.add(List.of(DB_ADD, TX, AFTER_KEY, after.encode())));
      tx.add(List.of(DB_ADD, TX, LAST_KEY, batch.lastKey().encode()));
      batch
          .sourcePosition()
          .ifPresent(position -> tx.add(List.of(DB_ADD, TX, SOURCE_POSITION, position)));
    }
    return tx;
  }

  /**
   * A new entity, or one that gains values, asserts its identity; one that only loses values does
   * not.
   */
  private static boolean assertsIdentity(TxEntity entity) {
    return !entity.retractsEntity() && (entity.size() > 0 || entity.retractionCount() == 0);
  }

  /**
   * The entity's retractions on its entity id, resolved now rather than as a lookup ref in the
   * transaction: a retraction of what no longer exists (a batch sent again after it committed, an
   * entity retracted by an earlier batch) is then left out instead of failing the batch. Entity ids
   * never change, so resolving before the transactions in flight commit is safe. A ref value whose
   * target does not resolve cannot be held by the entity, and is left out too.
   */
  private static void retractions(TxEntity entity, Resolver existing, List<Object> tx) {
    Object id = existing.entity(entity.identity());
    if (id == null) {
      return;
    }
    if (entity.retractsEntity()) {
      tx.add(List.of(DB_RETRACT_ENTITY, id));
      return;
    }
    for (int i = 0; i < entity.retractionCount(); i++) {
      Object value = entity.retractedValue(i);
      Object datomic = value instanceof LookupRef ref ? existing.entity(ref) : toDatomic(value);
      if (datomic != null) {
        tx.add(List.of(DB_RETRACT, id, Keywords.of(entity.retractedAttribute(i)), datomic));
      }
    }
  }

  /**
   * Entity ids of identities, each looked up once per batch, on the database value of the batch's
   * first look-up.
   */
  private static final class Resolver {
    private final Supplier<Database> source;
    private Database db;
    private final Map<LookupRef, Optional<Object>> ids = new HashMap<>();

    Resolver(Supplier<Database> source) {
      this.source = source;
    }

    Object entity(LookupRef identity) {
      return ids.computeIfAbsent(identity, ref -> Optional.ofNullable(db().entid(toDatomic(ref))))
          .orElse(null);
    }

    private Database db() {
      if (db == null) {
        db = source.get();
      }
      return db;
    }
  }

  /** The tempid {@link #of} gives the batch's entity {@code index} when it makes it. */
  static String tempid(int index) {
    return TEMPID_PREFIX + index;
  }

  /**
   * The entity of the batch that a tempid of {@link #of(TxBatch)} names: the first one, when rows
   * share it.
   */
  public static Optional<TxEntity> entityOf(TxBatch batch, Object tempid) {
    if (tempid instanceof String s && s.startsWith(TEMPID_PREFIX)) {
      try {
        int index = Integer.parseInt(s.substring(TEMPID_PREFIX.length()));
        if (index >= 0 && index < batch.entities().size()) {
          return Optional.of(batch.entities().get(index));
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A core value as the Peer wants it. */
  public static Object toDatomic(Object value) {
    return toDatomic(value, Refs.NONE);
  }

  private static Object toDatomic(Object value, Refs refs) {
    if (value instanceof String || value instanceof Long) {
      return value;
    }
    if (value instanceof LookupRef ref) {
      Object inBatch = refs.inBatch(ref);
      if (inBatch != null) {
        return inBatch;
      }
      return refs.bulk() == null ? refs.existing(ref) : refs.made(ref);
    }
    if (value instanceof EnumIdent ident) {
      return Keywords.of(ident);
    }
    if (value instanceof Instant instant) {
      return Date.from(instant);
    }
    if (value instanceof Tuple tuple) {
      Object[] elements = new Object[tuple.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = toDatomic(tuple.get(i));
      }
      return List.of(elements);
    }
    return value;
  }

  /**
   * The names (tempids or entity ids) of a batch's entities by identity. When every entity of the
   * batch has the same identity attribute (always, for the batches of a plan), a ref on another
   * attribute cannot name one of them and is not looked up.
   */
  private record Refs(
      Map<LookupRef, Object> named,
      Attribute onlyIdentity,
      EntityIds bulk,
      Supplier<Database> db,
      Resolver resolver) {
    static final Refs NONE = new Refs(Map.of(), null, null, null, null);

    Object inBatch(LookupRef ref) {
      if (onlyIdentity != null && !onlyIdentity.equals(ref.attribute())) {
        return null;
      }
      return named.get(ref);
    }

    /**
     * The id of the entity the ref names, found by the Peer so that the transactor need not look it
     * up; the lookup ref itself when the entity is not there yet (or for a plain value), for the
     * transaction to resolve or refuse. Entity ids never change, so a database value older than the
     * transactions in flight is good enough.
     */
    Object existing(LookupRef ref) {
      Object id = resolver == null ? null : resolver.entity(ref);
      return id != null ? id : List.of(Keywords.of(ref.attribute()), toDatomic(ref.value()));
    }

    /** The id of the entity a bulk load made for the ref; the row is refused when there is none. */
    Long made(LookupRef ref) {
      Long id = bulk.get(Keywords.of(ref.attribute()), toDatomic(ref.value()), db);
      if (id == null) {
        throw new BatchRejectedException(
            "no entity " + ref + " to refer to (its row was not loaded)", false, null);
      }
      return id;
    }
  }
}
