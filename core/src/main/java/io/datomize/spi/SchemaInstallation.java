package io.datomize.spi;

import io.datomize.target.Attribute;
import java.util.List;
import org.immutables.value.Value;

/** What installing a schema did: which attributes were new and which already existed as wanted. */
@Value.Immutable
public abstract class SchemaInstallation {
  public abstract List<Attribute> installed();

  public abstract List<Attribute> alreadyPresent();

  public abstract int enumIdentsInstalled();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSchemaInstallation.Builder {}
}
