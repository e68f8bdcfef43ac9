package io.datomize.target;

import org.immutables.value.Value;

/**
 * The name of a Datomic attribute, {@code :namespace/name}: {@code Attribute.of("user",
 * "first-name")}.
 */
@Value.Immutable(prehash = true)
public abstract class Attribute extends Keywordish implements Comparable<Attribute> {
  @Override
  @Value.Parameter
  public abstract String namespace();

  @Override
  @Value.Parameter
  public abstract String name();

  public static Attribute of(String namespace, String name) {
    return ImmutableAttribute.of(namespace, name);
  }

  /** Parses {@code ":user/first-name"} (the colon is optional). */
  public static Attribute parse(String keyword) {
    String[] parts = split(keyword, "attribute");
    return of(parts[0], parts[1]);
  }

  @Value.Check
  protected void check() {
    checkKeyword("attribute");
  }

  @Override
  public int compareTo(Attribute other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return super.toString();
  }
}
