package io.datomize.target;

import java.util.List;
import org.immutables.value.Value;

/** The Datomic schema a mapping needs: attributes and enum idents, in a deterministic order. */
@Value.Immutable
public abstract class TargetSchema {
  public abstract List<AttributeSchema> attributes();

  public abstract List<EnumIdent> enumIdents();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableTargetSchema.Builder {}
}
