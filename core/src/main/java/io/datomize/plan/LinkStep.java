package io.datomize.plan;

import io.datomize.catalog.TableName;
import io.datomize.model.EntityMapping;
import io.datomize.model.RefMapping;
import io.datomize.target.Attribute;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asserts refs that were deferred to break a cycle (or on request), once every table is loaded:
 * each row of the table is read again for its key and the deferred foreign key columns only.
 */
public record LinkStep(
    TableName table,
    EntityMapping entity,
    List<RefMapping> deferredRefs,
    List<String> keyColumns,
    List<String> columns,
    long estimatedRows)
    implements RowStep {
  public LinkStep {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(entity, "entity");
    deferredRefs = List.copyOf(deferredRefs);
    keyColumns = List.copyOf(keyColumns);
    columns = List.copyOf(columns);
  }

  @Override
  public String id() {
    return "link " + table;
  }

  public Set<Attribute> deferredAttributes() {
    return deferredRefs.stream().map(RefMapping::attribute).collect(Collectors.toUnmodifiableSet());
  }
}
