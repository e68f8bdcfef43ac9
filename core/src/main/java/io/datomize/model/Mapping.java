package io.datomize.model;

import io.datomize.catalog.TableName;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.EnumIdent;
import io.datomize.target.TargetSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.immutables.value.Value;

/**
 * A complete, immutable description of how a source schema becomes Datomic data: entity mappings,
 * bridges, skipped tables and options. Build one with the DSL in {@code
 * io.datomize.mapping.Mappings}.
 */
@Value.Immutable
public abstract class Mapping {
  public abstract List<EntityMapping> entities();

  public abstract List<BridgeMapping> bridges();

  /** Tables deliberately not migrated. */
  public abstract List<TableName> skippedTables();

  @Value.Default
  public MappingOptions options() {
    return MappingOptions.defaults();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<EntityMapping> entity(TableName table) {
    return entities().stream().filter(e -> e.table().equals(table)).findFirst();
  }

  /**
   * The Datomic schema this mapping needs, sorted by ident so that the same mapping always gives
   * the same schema.
   *
   * @throws IllegalStateException when two mappings define one attribute differently (validation
   *     reports it first)
   */
  public TargetSchema targetSchema() {
    Map<Attribute, AttributeSchema> attributes = new TreeMap<>();
    TreeSet<EnumIdent> idents = new TreeSet<>();
    for (EntityMapping entity : entities()) {
      define(attributes, entity.identity().schema(), entity.table());
      for (AttributeMapping attribute : entity.attributes()) {
        define(attributes, attribute.schema(), entity.table());
        attribute
            .enumMapping()
            .ifPresent(
                e -> {
                  idents.addAll(e.values().values());
                  e.fallback().ifPresent(idents::add);
                });
      }
      for (RefMapping ref : entity.refs()) {
        define(attributes, ref.schema(), entity.table());
      }
      for (KeyMapping key : entity.uniqueKeys()) {
        define(attributes, key.schema(), entity.table());
      }
    }
    for (BridgeMapping bridge : bridges()) {
      define(attributes, bridge.schema(), bridge.table());
    }
    return TargetSchema.builder().attributes(attributes.values()).enumIdents(idents).build();
  }

  private static void define(
      Map<Attribute, AttributeSchema> attributes, AttributeSchema schema, TableName from) {
    AttributeSchema existing = attributes.putIfAbsent(schema.ident(), schema);
    if (existing != null && !existing.equals(schema)) {
      throw new IllegalStateException(
          "attribute "
              + schema.ident()
              + " is defined twice and differently (again by "
              + from
              + "): "
              + existing
              + " and "
              + schema);
    }
  }

  @Value.Check
  protected void check() {
    Map<TableName, Integer> seen = new LinkedHashMap<>();
    entities().forEach(e -> seen.merge(e.table(), 1, Integer::sum));
    bridges().forEach(b -> seen.merge(b.table(), 1, Integer::sum));
    skippedTables().forEach(t -> seen.merge(t, 1, Integer::sum));
    List<TableName> twice =
        seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    if (!twice.isEmpty()) {
      throw new IllegalArgumentException(
          "tables mapped more than once (as entity, bridge or skipped): " + twice);
    }
  }

  public static class Builder extends ImmutableMapping.Builder {}
}
