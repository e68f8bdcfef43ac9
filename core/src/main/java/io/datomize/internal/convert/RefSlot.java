package io.datomize.internal.convert;

import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import java.util.List;

/**
 * Foreign key columns to a lookup ref on the target's identity; for a bridge, one value of a many
 * ref.
 */
final class RefSlot implements Slot {
  private final KeyReader key;
  private final Attribute attribute;
  private final Attribute lookup;
  private final boolean required;
  private final boolean many;

  RefSlot(KeyReader key, Attribute attribute, Attribute lookup, boolean required, boolean many) {
    this.key = key;
    this.attribute = attribute;
    this.lookup = lookup;
    this.required = required;
    this.many = many;
  }

  @Override
  public void apply(SourceRow row, int[] at, TxEntity.Builder entity) {
    Object value = key.read(row, at);
    if (value == null) {
      if (required) {
        throw RowFailure.of(
            key.described(),
            null,
            "null reference in a required ref ("
                + attribute
                + "); let null refs be omitted in the mapping, or fix the row");
      }
      return;
    }
    LookupRef ref = LookupRef.of(lookup, value);
    entity.add(attribute, many ? List.of(ref) : ref);
  }
}
