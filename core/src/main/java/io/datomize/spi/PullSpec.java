package io.datomize.spi;

import io.datomize.target.Attribute;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** Which attributes to read back, and how to name the entities that ref attributes point to. */
@Value.Immutable
public abstract class PullSpec {
  public abstract List<Attribute> attributes();

  /**
   * For each ref attribute to an entity: the unique attribute to name the entities it points to by
   * (their identity, or the unique attribute the ref was asserted through), so a pulled ref reads
   * back as that lookup ref.
   */
  public abstract Map<Attribute, Attribute> refIdentities();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePullSpec.Builder {}
}
