package io.datomize.internal.convert;

import io.datomize.model.AttributeMapping;
import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.KeyMapping;
import io.datomize.model.Mapping;
import io.datomize.model.RefMapping;
import io.datomize.plan.BridgeStep;
import io.datomize.plan.LinkStep;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.plan.PlanStep;
import io.datomize.target.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link RowConverter} of a plan step. Building checks what conversion needs of the
 * mapping (ref targets mapped and identified by the referenced columns, defaults of the attribute's
 * type) and throws {@link IllegalArgumentException} naming the table, column and fix; converting
 * then never throws for bad data.
 */
public final class RowConverters {
  private RowConverters() {}

  /** The converter of a load, link or bridge step of {@code plan}. */
  public static RowConverter forStep(Plan plan, PlanStep step, ConversionContext context) {
    if (step instanceof LoadStep load) {
      return load(load.entity(), plan.mapping(), load.deferredAttributes(), context);
    }
    if (step instanceof LinkStep link) {
      return link(link.entity(), plan.mapping(), link.deferredAttributes(), context);
    }
    if (step instanceof BridgeStep bridge) {
      return bridge(bridge.bridge(), plan.mapping(), context);
    }
    throw new IllegalArgumentException(
        "step " + step.id() + " reads no rows, so it has no row converter");
  }

  /**
   * The converter of a step of a sync: as {@link #forStep}, except that a link step's row whose
   * deferred foreign keys are all null converts to its entity without values, so that a sync can
   * retract the refs the target still holds.
   */
  public static RowConverter forSync(Plan plan, PlanStep step, ConversionContext context) {
    if (step instanceof LinkStep link) {
      Parts parts = new Parts(link.entity(), plan.mapping(), context);
      return parts.converter(refSlots(parts, link.entity(), link.deferredAttributes()), false);
    }
    return forStep(plan, step, context);
  }

  /** Rows of {@code entity}'s table to their identity alone. */
  public static RowConverter identity(
      EntityMapping entity, Mapping mapping, ConversionContext context) {
    return new Parts(entity, mapping, context).converter(List.of(), false);
  }

  /**
   * Rows of {@code entity}'s table to entities with every attribute and every ref except {@code
   * deferred}.
   *
   * @param mapping the whole mapping, for the identities of referenced tables and the options
   */
  public static RowConverter load(
      EntityMapping entity, Mapping mapping, Set<Attribute> deferred, ConversionContext context) {
    Parts parts = new Parts(entity, mapping, context);
    List<Slot> slots = new ArrayList<>();
    for (AttributeMapping attribute : entity.attributes()) {
      slots.add(parts.attribute(attribute));
    }
    for (RefMapping ref : entity.refs()) {
      if (!deferred.contains(ref.attribute())) {
        slots.add(parts.ref(ref));
      }
    }
    for (KeyMapping key : entity.uniqueKeys()) {
      slots.add(parts.key(key));
    }
    return parts.converter(slots, false);
  }

  /**
   * Rows of {@code entity}'s table to their identity and the {@code deferred} refs only; a row
   * whose deferred foreign keys are all null converts to {@link Conversion#nothing()}.
   */
  public static RowConverter link(
      EntityMapping entity, Mapping mapping, Set<Attribute> deferred, ConversionContext context) {
    Parts parts = new Parts(entity, mapping, context);
    return parts.converter(refSlots(parts, entity, deferred), true);
  }

  private static List<Slot> refSlots(Parts parts, EntityMapping entity, Set<Attribute> refs) {
    List<Slot> slots = new ArrayList<>();
    for (RefMapping ref : entity.refs()) {
      if (refs.contains(ref.attribute())) {
        slots.add(parts.ref(ref));
      }
    }
    return slots;
  }

  /**
   * Rows of a bridge table to the owner's identity and one value of the bridge's many ref. The
   * bridge's owner and target columns must be listed in the order of the owner's identity columns
   * and of the columns of the target's lookup attribute ({@link BridgeMapping#targetAttribute()}),
   * as a {@link BridgeStep} lists them.
   */
  public static RowConverter bridge(
      BridgeMapping bridge, Mapping mapping, ConversionContext context) {
    EntityMapping owner = Parts.entityOf(mapping, bridge.owner(), "bridge " + bridge.table());
    EntityMapping target = Parts.entityOf(mapping, bridge.target(), "bridge " + bridge.table());
    Parts parts = new Parts(bridge.table(), mapping, context);
    KeyReader ownerKey =
        parts.identityReader(owner, bridge.ownerColumns(), "bridge " + bridge.table());
    Attribute lookup = bridge.targetAttribute().orElse(target.identity().attribute());
    KeyReader targetKey =
        parts.lookupReader(target, lookup, bridge.targetColumns(), "bridge " + bridge.table());
    Slot link = new RefSlot(targetKey, bridge.attribute(), lookup, true, true);
    return parts.converter(ownerKey, owner.identity().attribute(), List.of(link), false);
  }
}
