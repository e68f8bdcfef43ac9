package io.datomize.spi;

import io.datomize.target.Attribute;
import io.datomize.target.AttributeSchema;
import io.datomize.target.ValueType;

/**
 * The attribute a sync asserts on an entity whose source row was deleted, when the run keeps such
 * entities and marks them ({@code DeletedRows.MARK}); a target installs it with its own metadata.
 */
public final class SyncMarks {
  /** When the sync that found the row deleted started. */
  public static final Attribute DELETED_AT = Attribute.of("datomize.entity", "deleted-at");

  private SyncMarks() {}

  public static AttributeSchema deletedAtSchema() {
    return AttributeSchema.builder()
        .ident(DELETED_AT)
        .valueType(ValueType.INSTANT)
        .doc("When a Datomize sync found this entity's source row deleted and kept the entity.")
        .build();
  }
}
