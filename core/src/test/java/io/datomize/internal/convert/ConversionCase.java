package io.datomize.internal.convert;

import io.datomize.catalog.TableName;
import io.datomize.model.EntityMapping;
import io.datomize.model.Mapping;
import io.datomize.spi.SourceRow;
import java.util.List;

/** A mapping of table {@code public.t}, the mapping it belongs to, and rows of it. */
record ConversionCase(Mapping mapping, List<SourceRow> rows) {
  EntityMapping entity() {
    return mapping.entity(TableName.of("public", "t")).orElseThrow();
  }

  boolean hasCompositeKey() {
    return entity().identity().isTuple();
  }

  boolean hasNull() {
    return rows.stream()
        .anyMatch(
            r -> {
              for (int i = 0; i < r.shape().columns().size(); i++) {
                if (r.get(i) == null) {
                  return true;
                }
              }
              return false;
            });
  }
}
