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
 * Loads a table's rows as entities with their attributes and the refs whose targets are already
 * loaded ({@link #inlineRefs()}); {@link #deferredRefs()} are left to a {@link LinkStep}.
 *
 * @param columns the columns to read, key columns first
 * @param estimatedRows the catalog's estimate, -1 when unknown
 */
public record LoadStep(
    TableName table,
    EntityMapping entity,
    List<RefMapping> inlineRefs,
    List<RefMapping> deferredRefs,
    List<String> keyColumns,
    List<String> columns,
    long estimatedRows)
    implements RowStep {
  public LoadStep {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(entity, "entity");
    inlineRefs = List.copyOf(inlineRefs);
    deferredRefs = List.copyOf(deferredRefs);
    keyColumns = List.copyOf(keyColumns);
    columns = List.copyOf(columns);
  }

  @Override
  public String id() {
    return "load " + table;
  }

  /** The attributes of {@link #deferredRefs()}, which a load leaves out. */
  public Set<Attribute> deferredAttributes() {
    return deferredRefs.stream().map(RefMapping::attribute).collect(Collectors.toUnmodifiableSet());
  }
}
