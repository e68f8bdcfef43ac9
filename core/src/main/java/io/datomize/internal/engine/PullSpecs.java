package io.datomize.internal.engine;

import io.datomize.model.BridgeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.model.RefMapping;
import io.datomize.spi.PullSpec;
import io.datomize.target.Attribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What to pull of a table's entities so that each value reads back as conversion makes it: refs
 * named by the unique attribute their lookup refs use.
 */
final class PullSpecs {
  private PullSpecs() {}

  /** Every attribute a table's rows give values to: its attributes, refs and unique keys. */
  static List<Attribute> written(EntityMapping entity) {
    List<Attribute> written = new ArrayList<>();
    entity.attributes().forEach(a -> written.add(a.attribute()));
    entity.refs().forEach(r -> written.add(r.attribute()));
    entity.uniqueKeys().forEach(k -> written.add(k.attribute()));
    return written;
  }

  static PullSpec of(Mapping mapping, EntityMapping entity, Collection<Attribute> attributes) {
    PullSpec.Builder spec = PullSpec.builder().addAllAttributes(attributes);
    for (RefMapping ref : entity.refs()) {
      if (attributes.contains(ref.attribute())) {
        mapping
            .entity(ref.target())
            .flatMap(target -> target.lookupAttribute(ref.targetColumns()))
            .ifPresent(lookup -> spec.putRefIdentities(ref.attribute(), lookup));
      }
    }
    return spec.build();
  }

  static PullSpec of(Mapping mapping, BridgeMapping bridge) {
    PullSpec.Builder spec = PullSpec.builder().addAttributes(bridge.attribute());
    bridge
        .targetAttribute()
        .or(() -> mapping.entity(bridge.target()).map(t -> t.identity().attribute()))
        .ifPresent(lookup -> spec.putRefIdentities(bridge.attribute(), lookup));
    return spec.build();
  }
}
