package io.datomize.datomic.internal;

import java.util.regex.Pattern;

/**
 * Keeps credentials of Datomic URIs (and the JDBC or AWS settings inside them) out of logs and
 * messages.
 */
public final class Uris {
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "(?i)([?&;](?:user|username|password|passwd|pwd|[a-z_]*secret[a-z_]*|[a-z_]*token[a-z_]*|[a-z_]*key[a-z_]*)=)"
              + "[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?]+@");
  private static final String MASK = "***";

  private Uris() {}

  /** The text with every credential-bearing URI part replaced by {@code ***}; null stays null. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO.matcher(masked).replaceAll("//" + MASK + "@");
  }
}
