package io.datomize.internal.convert;

import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import java.util.List;

/** A column to an attribute, with its null policy worked out in advance. */
final class AttributeSlot implements Slot {
  private final int slot;
  private final String column;
  private final Attribute attribute;
  private final Coercion coercion;
  private final boolean required;

  /** What a null asserts: a default value, the run's start, or null to assert nothing. */
  private final Object whenNull;

  AttributeSlot(
      int slot,
      String column,
      Attribute attribute,
      Coercion coercion,
      boolean required,
      Object whenNull) {
    this.slot = slot;
    this.column = column;
    this.attribute = attribute;
    this.coercion = coercion;
    this.required = required;
    this.whenNull = whenNull;
  }

  @Override
  public void apply(SourceRow row, int[] at, TxEntity.Builder entity) {
    Object value = row.get(at[slot]);
    if (value == null) {
      if (required) {
        throw RowFailure.of(
            column,
            null,
            "null in a required column ("
                + attribute
                + "); give the column a default"
                + " or let nulls be omitted in the mapping, or fix the row");
      }
      if (whenNull != null) {
        entity.add(attribute, whenNull);
      }
      return;
    }
    Object converted = coercion.apply(value);
    // an empty array asserts no value, as an omitted null does
    if (!(converted instanceof List<?> many && many.isEmpty())) {
      entity.add(attribute, converted);
    }
  }
}
