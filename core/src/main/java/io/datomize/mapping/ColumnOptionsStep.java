package io.datomize.mapping;

import io.datomize.model.ValueConverter;
import io.datomize.target.ValueType;

/**
 * Options of a mapped column. The value type follows the SQL type (see {@link Conventions}) unless
 * a converter or {@link #valueType} sets it. At most one null policy may be chosen; none behaves as
 * {@link #omitIfNull()}.
 */
public interface ColumnOptionsStep extends EntityStep {
  /**
   * Converts each non-null value, e.g. {@code Converters.textToUri()}; the value type becomes the
   * converter's.
   */
  ColumnOptionsStep converted(ValueConverter converter);

  ColumnOptionsStep valueType(ValueType valueType);

  /** {@code :db.unique/value}. */
  ColumnOptionsStep unique();

  ColumnOptionsStep noHistory();

  /** {@code :db/index true}; implied for a column with a single-column index that is not unique. */
  ColumnOptionsStep index();

  /** The attribute's {@code :db/doc}; the column's comment when not given. */
  ColumnOptionsStep doc(String doc);

  /**
   * A null becomes {@code value}, which must already be of the attribute's Java type ({@code ""},
   * {@code 0L}).
   */
  ColumnOptionsStep defaultIfNull(Object value);

  /** A null becomes the run's start time (instant attributes only). */
  ColumnOptionsStep defaultNowIfNull();

  /** A null asserts nothing. */
  ColumnOptionsStep omitIfNull();

  /** A null is a row error. */
  ColumnOptionsStep required();
}
