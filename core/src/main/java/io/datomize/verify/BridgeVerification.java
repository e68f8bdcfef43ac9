package io.datomize.verify;

import io.datomize.catalog.TableName;
import io.datomize.target.Attribute;
import org.immutables.value.Value;

/** Rows of a bridge table against the values of the cardinality-many ref it became. */
@Value.Immutable
public abstract class BridgeVerification {
  public abstract TableName table();

  public abstract Attribute attribute();

  public abstract long sourceRows();

  public abstract long rejectedRows();

  public abstract long values();

  public static Builder builder() {
    return new Builder();
  }

  public boolean passed() {
    return values() == sourceRows() - rejectedRows();
  }

  public static class Builder extends ImmutableBridgeVerification.Builder {}
}
