package io.datomize.model;

import io.datomize.catalog.TableName;
import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.Cardinality;
import io.datomize.target.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A bridge table collapsed into a cardinality-many ref on its owner: each bridge row {@code (owner
 * key, target key)} becomes one value of {@link #attribute()} ({@code post_tags} to {@code
 * :post/tags}). Other columns of the bridge are dropped only when listed in {@link
 * #droppedColumns()}, with the reason plans and reports show.
 */
@Value.Immutable
public abstract class BridgeMapping {
  /** The reason of a column that the mapping drops by name ({@code .dropColumns(..)}). */
  public static final String DROPPED_BY_MAPPING = "dropped by the mapping";

  /**
   * The reason of a bookkeeping timestamp (its default is the current time) of a collapsed bridge.
   */
  public static final String BOOKKEEPING = "bookkeeping timestamp";

  /**
   * The reason of a collapsed bridge's surrogate key: one integer the database numbers its rows
   * with, beside a unique key of the two foreign keys, that nothing references.
   */
  public static final String SURROGATE_KEY =
      "surrogate key, beside the unique pair of foreign keys that tells the rows apart";

  public abstract TableName table();

  /** The bridge columns that reference the owner. */
  public abstract List<String> ownerColumns();

  public abstract TableName owner();

  /** The bridge columns that reference the target. */
  public abstract List<String> targetColumns();

  public abstract TableName target();

  /**
   * The unique attribute of the target that the target columns' values name it by, when the foreign
   * key references a unique key rather than the target's identity (see {@link
   * EntityMapping#lookupAttribute}); the identity when empty.
   */
  public abstract Optional<Attribute> targetAttribute();

  /** The cardinality-many ref attribute of the owner's entities. */
  public abstract Attribute attribute();

  public abstract List<String> droppedColumns();

  /** Why dropped columns are dropped, by column; see {@link #dropReason}. */
  public abstract Map<String, String> dropReasons();

  /**
   * Why {@code column} is not migrated: a bookkeeping timestamp, or the mapping's explicit choice.
   */
  public String dropReason(String column) {
    return dropReasons().getOrDefault(column, DROPPED_BY_MAPPING);
  }

  public abstract Optional<String> doc();

  public static Builder builder() {
    return new Builder();
  }

  public AttributeSchema schema() {
    return AttributeSchema.builder()
        .ident(attribute())
        .valueType(ValueType.REF)
        .cardinality(Cardinality.MANY)
        .doc(doc())
        .build();
  }

  @Value.Check
  protected void check() {
    if (!droppedColumns().containsAll(dropReasons().keySet())) {
      throw new IllegalArgumentException(
          "bridge "
              + table()
              + ": drop reasons "
              + dropReasons().keySet()
              + " name columns that are not dropped "
              + droppedColumns());
    }
  }

  @Override
  public String toString() {
    return table() + " -> " + attribute() + " (" + owner() + " to many " + target() + ")";
  }

  public static class Builder extends ImmutableBridgeMapping.Builder {}
}
