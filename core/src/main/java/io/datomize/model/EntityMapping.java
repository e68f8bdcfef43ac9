package io.datomize.model;

import io.datomize.catalog.TableName;
import io.datomize.target.Attribute;
import io.datomize.target.Cardinality;
import io.datomize.target.Uniqueness;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** A source table to Datomic entities of one namespace. */
@Value.Immutable
public abstract class EntityMapping {
  public abstract TableName table();

  /** The namespace of the entity's attributes, e.g. {@code user}. */
  public abstract String namespace();

  public abstract IdentityMapping identity();

  public abstract List<AttributeMapping> attributes();

  public abstract List<RefMapping> refs();

  /** Unique keys other than the identity that are not a unique attribute of one column already. */
  public abstract List<KeyMapping> uniqueKeys();

  /** Columns deliberately not migrated. */
  public abstract List<String> skippedColumns();

  public static Builder builder() {
    return new Builder();
  }

  public Optional<AttributeMapping> attributeFor(String column) {
    return attributes().stream().filter(a -> a.column().equals(column)).findFirst();
  }

  /**
   * The unique attribute whose value names one entity by the values of {@code columns} (in any
   * order), for lookup refs: the identity, a {@link #uniqueKeys() unique key}, or the unique
   * attribute of a single column; in that order.
   */
  public Optional<Attribute> lookupAttribute(Collection<String> columns) {
    Set<String> wanted = Set.copyOf(columns);
    if (wanted.size() != columns.size()) {
      return Optional.empty();
    }
    if (Set.copyOf(identity().columns()).equals(wanted)) {
      return Optional.of(identity().attribute());
    }
    Optional<Attribute> key =
        uniqueKeys().stream()
            .filter(k -> Set.copyOf(k.columns()).equals(wanted))
            .map(KeyMapping::attribute)
            .findFirst();
    if (key.isPresent() || wanted.size() != 1) {
      return key;
    }
    return attributeFor(wanted.iterator().next())
        .filter(a -> a.unique() != Uniqueness.NONE && a.cardinality() == Cardinality.ONE)
        .map(AttributeMapping::attribute);
  }

  /**
   * The columns whose values, in this order, make the value of {@code lookup}, an attribute that
   * {@link #lookupAttribute} gives.
   *
   * @throws IllegalArgumentException when {@code lookup} is not such an attribute of this entity
   */
  public List<String> lookupColumns(Attribute lookup) {
    if (identity().attribute().equals(lookup)) {
      return identity().columns();
    }
    return uniqueKeys().stream()
        .filter(k -> k.attribute().equals(lookup))
        .map(KeyMapping::columns)
        .findFirst()
        .or(
            () ->
                attributes().stream()
                    .filter(a -> a.attribute().equals(lookup) && a.unique() != Uniqueness.NONE)
                    .map(a -> List.of(a.column()))
                    .findFirst())
        .orElseThrow(
            () ->
                new IllegalArgumentException(lookup + " is not a unique attribute of " + table()));
  }

  public Optional<RefMapping> ref(Attribute attribute) {
    return refs().stream().filter(r -> r.attribute().equals(attribute)).findFirst();
  }

  @Override
  public String toString() {
    return table() + " -> :" + namespace();
  }

  public static class Builder extends ImmutableEntityMapping.Builder {}
}
