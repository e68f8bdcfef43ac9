package io.datomize.target;

import org.immutables.value.Value;

/**
 * An enum ident, the value of an enum attribute: {@code EnumIdent.of("user.source", "facebook")}.
 */
@Value.Immutable(prehash = true)
public abstract class EnumIdent extends Keywordish implements Comparable<EnumIdent> {
  @Override
  @Value.Parameter
  public abstract String namespace();

  @Override
  @Value.Parameter
  public abstract String name();

  public static EnumIdent of(String namespace, String name) {
    return ImmutableEnumIdent.of(namespace, name);
  }

  /** Parses {@code ":user.source/facebook"} (the colon is optional). */
  public static EnumIdent parse(String keyword) {
    String[] parts = split(keyword, "enum ident");
    return of(parts[0], parts[1]);
  }

  @Value.Check
  protected void check() {
    checkKeyword("enum ident");
  }

  @Override
  public int compareTo(EnumIdent other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return super.toString();
  }
}
