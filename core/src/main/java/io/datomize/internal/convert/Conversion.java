package io.datomize.internal.convert;

import io.datomize.report.RowError;
import io.datomize.spi.TxEntity;
import java.util.Objects;

/**
 * The result of converting one row: an entity, or a row error, or (for a link step, when every
 * deferred foreign key of the row is null) nothing to assert.
 */
public final class Conversion {
  private static final Conversion NOTHING = new Conversion(null, null);

  private final TxEntity entity;
  private final RowError error;

  private Conversion(TxEntity entity, RowError error) {
    this.entity = entity;
    this.error = error;
  }

  public static Conversion of(TxEntity entity) {
    return new Conversion(Objects.requireNonNull(entity, "entity"), null);
  }

  public static Conversion failed(RowError error) {
    return new Conversion(null, Objects.requireNonNull(error, "error"));
  }

  public static Conversion nothing() {
    return NOTHING;
  }

  public boolean isEntity() {
    return entity != null;
  }

  public boolean isError() {
    return error != null;
  }

  public boolean isNothing() {
    return this == NOTHING;
  }

  /**
   * @throws IllegalStateException when the conversion made no entity
   */
  public TxEntity entity() {
    if (entity == null) {
      throw new IllegalStateException("the row made no entity: " + this);
    }
    return entity;
  }

  /**
   * @throws IllegalStateException when the conversion did not fail
   */
  public RowError error() {
    if (error == null) {
      throw new IllegalStateException("the row did not fail: " + this);
    }
    return error;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Conversion c
        && Objects.equals(entity, c.entity)
        && Objects.equals(error, c.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entity, error);
  }

  @Override
  public String toString() {
    return isEntity() ? entity.toString() : isError() ? "error: " + error.message() : "nothing";
  }
}
