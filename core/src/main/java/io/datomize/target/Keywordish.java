package io.datomize.target;

import java.util.regex.Pattern;

/**
 * Shared rules of the two kinds of Datomic names (attributes and enum idents): {@code
 * :namespace/name}.
 */
abstract class Keywordish {
  /**
   * Letters of any script, with their combining marks, as Clojure's reader and Datomic take them.
   */
  private static final String LETTER = "\\p{L}\\p{M}";

  private static final String DIGIT = "\\p{Nd}";
  private static final Pattern NAMESPACE =
      Pattern.compile("[" + LETTER + "*+!_?<>=-][" + LETTER + DIGIT + "*+!_?<>=.'-]*");
  private static final Pattern NAME =
      Pattern.compile("[" + LETTER + "*+!_?<>=-][" + LETTER + DIGIT + "*+!_?<>='-]*");

  public abstract String namespace();

  public abstract String name();

  void checkKeyword(String kind) {
    if (!NAMESPACE.matcher(namespace()).matches() || namespace().endsWith(".")) {
      throw new IllegalArgumentException(
          kind
              + " namespace '"
              + namespace()
              + "' of :"
              + namespace()
              + "/"
              + name()
              + " is not a valid keyword namespace (letters of any script, digits, '-', '_', '.'; no leading digit)");
    }
    if (!NAME.matcher(name()).matches()) {
      throw new IllegalArgumentException(
          kind
              + " name '"
              + name()
              + "' of :"
              + namespace()
              + "/"
              + name()
              + " is not a valid keyword name (letters of any script, digits, '-', '_'; no leading digit, no '/' or '.')");
    }
  }

  static String[] split(String keyword, String kind) {
    String text = keyword.startsWith(":") ? keyword.substring(1) : keyword;
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException(
          "'" + keyword + "' is not a namespaced " + kind + " such as :user/first-name");
    }
    return new String[] {text.substring(0, slash), text.substring(slash + 1)};
  }

  @Override
  public String toString() {
    return ":" + namespace() + "/" + name();
  }
}
