package io.datomize.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A row's text form as PostgreSQL's {@code record_out} writes it from its columns' text outputs,
 * and its md5 as {@code md5(t::text)} gives it: what the content key of a keyless table is computed
 * from when its rows are read.
 */
final class RecordText {
  private RecordText() {}

  /** The hex md5 of the record text of these column texts (null for NULL). */
  static String md5(String[] texts) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(of(texts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }

  /**
   * {@code record_out}: fields in parentheses, separated by commas; NULL is nothing; a field is
   * quoted when empty or holding a quote, backslash, parenthesis, comma or white space (as C's
   * {@code isspace}), its quotes and backslashes doubled.
   */
  static String of(String[] texts) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < texts.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String text = texts[i];
      if (text == null) {
        continue;
      }
      boolean quote = text.isEmpty() || text.chars().anyMatch(RecordText::needsQuote);
      if (!quote) {
        out.append(text);
        continue;
      }
      out.append('"');
      for (int c = 0; c < text.length(); c++) {
        char ch = text.charAt(c);
        if (ch == '"' || ch == '\\') {
          out.append(ch);
        }
        out.append(ch);
      }
      out.append('"');
    }
    return out.append(')').toString();
  }

  private static boolean needsQuote(int ch) {
    return ch == '"'
        || ch == '\\'
        || ch == '('
        || ch == ')'
        || ch == ','
        || ch == ' '
        || ch == '\t'
        || ch == '\n'
        || ch == '\r'
        || ch == 0x0B
        || ch == '\f';
  }
}
