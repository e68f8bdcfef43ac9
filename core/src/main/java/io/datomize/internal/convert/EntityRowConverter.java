package io.datomize.internal.convert;

import io.datomize.catalog.TableName;
import io.datomize.report.ColumnFailure;
import io.datomize.report.RowError;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import io.datomize.target.Attribute;
import io.datomize.target.LookupRef;
import java.util.ArrayList;
import java.util.List;

/** The one converter: an identity from key columns, then the slots' assertions. */
final class EntityRowConverter implements RowConverter {
  private final TableName table;
  private final ColumnIndex columns;
  private final List<String> columnNames;
  private final KeyReader identity;
  private final Attribute identityAttribute;
  private final Slot[] slots;
  private final boolean nothingWhenEmpty;

  /**
   * @param nothingWhenEmpty whether a row that asserts nothing besides its identity yields nothing
   *     (link steps)
   */
  EntityRowConverter(
      TableName table,
      ColumnIndex columns,
      KeyReader identity,
      Attribute identityAttribute,
      List<Slot> slots,
      boolean nothingWhenEmpty) {
    this.table = table;
    this.columns = columns;
    this.columnNames = columns.columns();
    this.identity = identity;
    this.identityAttribute = identityAttribute;
    this.slots = slots.toArray(new Slot[0]);
    this.nothingWhenEmpty = nothingWhenEmpty;
  }

  @Override
  public Conversion convert(SourceRow row) {
    ColumnIndex.Positions positions = columns.positions(row.shape());
    int[] at = positions.at();
    RowKey key = keyOf(row, positions.key());
    if (key == null) {
      return nullKey(row, positions.key());
    }
    // every bad column of the row is named, not only the first: a failure is caught per slot and
    // the row goes on
    List<ColumnFailure> failures = null;
    Object id = null;
    try {
      id = identity.read(row, at);
      if (id == null) {
        throw RowFailure.of(
            identity.described(),
            null,
            "the columns that identify the entity are null;"
                + " identify the table by columns that are never null");
      }
    } catch (RowFailure failure) {
      failures = add(failures, failure);
    }
    // without an identity the row is rejected anyway; its slots still run, into a scratch entity,
    // to name their faults
    TxEntity.Builder entity =
        TxEntity.builder(
            key, LookupRef.of(identityAttribute, id != null ? id : key.encode()), slots.length);
    for (Slot slot : slots) {
      try {
        slot.apply(row, at, entity);
      } catch (RowFailure failure) {
        failures = add(failures, failure);
      }
    }
    if (failures != null) {
      return Conversion.failed(RowError.of(table, key, row.shape().keyColumns(), failures));
    }
    TxEntity built = entity.build();
    return nothingWhenEmpty && built.size() == 0 ? Conversion.nothing() : Conversion.of(built);
  }

  private static List<ColumnFailure> add(List<ColumnFailure> failures, RowFailure failure) {
    List<ColumnFailure> all = failures == null ? new ArrayList<>(2) : failures;
    ColumnFailure named = ColumnFailure.of(failure.column(), failure.value(), failure.getMessage());
    // a column read by both the identity and an attribute fails twice alike; name it once
    if (!all.contains(named)) {
      all.add(named);
    }
    return all;
  }

  /** The row's key, or null when a key column is null. */
  private static RowKey keyOf(SourceRow row, int[] keyAt) {
    for (int at : keyAt) {
      if (row.get(at) == null) {
        return null;
      }
    }
    return row.key();
  }

  /** A row error for a row whose key has nulls; the error's key shows them as {@code null}. */
  private Conversion nullKey(SourceRow row, int[] keyAt) {
    Object[] shown = new Object[keyAt.length];
    String nullColumn = null;
    for (int i = 0; i < keyAt.length; i++) {
      Object value = row.get(keyAt[i]);
      shown[i] = value == null ? "null" : value;
      if (value == null && nullColumn == null) {
        nullColumn = row.shape().keyColumns().get(i);
      }
    }
    return Conversion.failed(
        RowError.builder()
            .table(table)
            .key(RowKey.of(shown))
            .keyColumns(row.shape().keyColumns())
            .column(nullColumn)
            .value("null")
            .reason(
                "a key column is null, so the row cannot be read in key order or identified;"
                    + " read the table by a key whose columns are never null")
            .build());
  }

  @Override
  public TableName table() {
    return table;
  }

  @Override
  public List<String> columns() {
    return columnNames;
  }

  @Override
  public String identityColumns() {
    return identity.described();
  }

  @Override
  public String toString() {
    return "converter of " + table + " " + columnNames;
  }
}
