package io.datomize.model;

import io.datomize.catalog.TableName;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.ValueType;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A foreign key to a cardinality-one ref attribute, asserted as a lookup ref on the target table's
 * identity ({@code [:user/pg-id 42]}).
 */
@Value.Immutable
public abstract class RefMapping {
  /** The foreign key columns of the owning table. */
  public abstract List<String> columns();

  public abstract TableName target();

  /** The referenced columns of the target: its identity columns. */
  public abstract List<String> targetColumns();

  public abstract Attribute attribute();

  /**
   * {@link NullPolicy#omit()} or {@link NullPolicy#required()}: a missing reference has no default.
   */
  public abstract NullPolicy nullPolicy();

  public abstract Optional<String> doc();

  public static Builder builder() {
    return new Builder();
  }

  public AttributeSchema schema() {
    return AttributeSchema.builder().ident(attribute()).valueType(ValueType.REF).doc(doc()).build();
  }

  @Value.Check
  protected void check() {
    if (columns().isEmpty() || columns().size() != targetColumns().size()) {
      throw new IllegalArgumentException(
          "ref "
              + attribute()
              + ": columns "
              + columns()
              + " and target columns "
              + targetColumns()
              + " must be non-empty and of the same length");
    }
    NullPolicy.Kind kind = nullPolicy().kind();
    if (kind != NullPolicy.Kind.OMIT && kind != NullPolicy.Kind.REQUIRED) {
      throw new IllegalArgumentException(
          "ref "
              + attribute()
              + " from "
              + columns()
              + ": a null reference can only be omitted or required, not "
              + nullPolicy());
    }
  }

  @Override
  public String toString() {
    return columns() + " -> " + attribute() + " ref " + target();
  }

  public static class Builder extends ImmutableRefMapping.Builder {}
}
