package io.datomize.model;

import java.util.List;
import java.util.Optional;
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

  /** Columns deliberately not migrated. */
  public abstract List<String> skippedColumns();

  public static Builder builder() {
    return new Builder();
  }

  public Optional<AttributeMapping> attributeFor(String column) {
    return attributes().stream().filter(a -> a.column().equals(column)).findFirst();
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
