package io.datomize.model;

import java.util.regex.Pattern;

/** Shared rules of the two kinds of Datomic names (attributes and enum idents): {@code :namespace/name}. */
abstract class Keywordish {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.'-]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>='-]*");

  public abstract String namespace();

  public abstract String name();

  void checkKeyword(String kind) {
    if (!NAMESPACE.matcher(namespace()).matches() || namespace().endsWith(".")) {
      throw new IllegalArgumentException(kind + " namespace '" + namespace() + "' of :" + namespace() + "/" + name()
          + " is not a valid keyword namespace (letters, digits, '-', '_', '.'; no leading digit)");
    }
    if (!NAME.matcher(name()).matches()) {
      throw new IllegalArgumentException(kind + " name '" + name() + "' of :" + namespace() + "/" + name()
          + " is not a valid keyword name (letters, digits, '-', '_'; no leading digit, no '/' or '.')");
    }
  }

  static String[] split(String keyword, String kind) {
    String text = keyword.startsWith(":") ? keyword.substring(1) : keyword;
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("'" + keyword + "' is not a namespaced " + kind + " such as :user/first-name");
    }
    return new String[] {text.substring(0, slash), text.substring(slash + 1)};
  }

  @Override
  public String toString() {
    return ":" + namespace() + "/" + name();
  }
}
