package io.datomize.internal.engine;

import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest change that turns an entity of the target into what its source row converts to, over
 * the attributes a step owns: values asserted when new or changed (a cardinality-one assertion
 * replaces the old value), retracted when the row no longer gives them, and for a many attribute
 * only the values added and removed.
 */
final class EntityDiff {
  private EntityDiff() {}

  /**
   * The change, or null when the entity already holds what the row gives; {@code want} itself when
   * there is no entity yet.
   *
   * @param want what the row converts to
   * @param got the entity as the target holds it, empty when there is none
   * @param owned every attribute the step writes, whether or not the row gives it a value
   * @param keptWhenPresent attributes whose value the target keeps when it has one: a default-now
   *     value of a null column, which each run would otherwise set to its own start
   */
  static TxEntity delta(
      TxEntity want,
      Optional<Map<Attribute, Object>> got,
      Collection<Attribute> owned,
      Set<Attribute> keptWhenPresent) {
    if (got.isEmpty()) {
      return want;
    }
    Map<Attribute, Object> current = got.get();
    TxEntity.Builder change = TxEntity.builder(want.sourceKey(), want.identity(), 2);
    boolean changed = false;
    for (Attribute attribute : owned) {
      Object wanted = want.valueOf(attribute);
      Object held = current.get(attribute);
      if (held == null && wanted == null || held != null && keptWhenPresent.contains(attribute)) {
        continue;
      }
      if (wanted == null) {
        change.retract(attribute, held);
        changed = true;
      } else if (wanted instanceof Collection<?> many) {
        Collection<?> before = held instanceof Collection<?> values ? values : List.of();
        List<Object> added = minus(many, before);
        List<Object> removed = minus(before, many);
        if (!added.isEmpty()) {
          change.add(attribute, added);
        }
        if (!removed.isEmpty()) {
          change.retract(attribute, removed);
        }
        changed |= !added.isEmpty() || !removed.isEmpty();
      } else if (!same(wanted, held)) {
        change.add(attribute, wanted);
        changed = true;
      }
    }
    return changed ? change.build() : null;
  }

  /** The values of {@code values} that {@code other} lacks, each as {@code values} gives it. */
  private static List<Object> minus(Collection<?> values, Collection<?> other) {
    Set<Object> others = new HashSet<>();
    other.forEach(value -> others.add(RefValues.comparable(value)));
    Set<Object> seen = new HashSet<>();
    List<Object> rest = new ArrayList<>();
    for (Object value : values) {
      Object comparable = RefValues.comparable(value);
      if (seen.add(comparable) && !others.contains(comparable)) {
        rest.add(value);
      }
    }
    return rest;
  }

  // a plain BigDecimal by equals, scale included: Datomic keeps the scale, so 1.50 and 1.5 are two
  // values; in a ref, it resolves both to one entity
  private static boolean same(Object wanted, Object held) {
    if (wanted instanceof byte[] bytes) {
      return held instanceof byte[] other && Arrays.equals(bytes, other);
    }
    return Objects.equals(RefValues.comparable(wanted), RefValues.comparable(held));
  }
}
