package io.datomize.examples.sql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.SQLException;

/**
 * Splits a psql script into SQL statements and backslash meta-commands the way psql does: a
 * semicolon ends a statement only outside quotes, dollar-quoted bodies, comments and parentheses.
 * Lines are decoded one at a time so the script's encoding can change midway ({@code SET
 * client_encoding}).
 */
final class ScriptLexer {
  /** A statement or meta-command of the script, with the line where it starts. */
  public sealed interface Item permits Statement, MetaCommand {
    int line();
  }

  public record Statement(String sql, int line) implements Item {}

  /**
   * A backslash command such as {@code \c chinook}: {@code command} is {@code c}, {@code argument}
   * the rest.
   */
  public record MetaCommand(String command, String argument, int line) implements Item {}

  /** Takes the data lines of a COPY. */
  @FunctionalInterface
  public interface CopySink {
    void accept(String line) throws SQLException;
  }

  private enum Quote {
    NONE,
    SINGLE,
    ESCAPED,
    DOUBLE,
    DOLLAR
  }

  private final InputStream in;
  private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
  private final String source;
  private Charset charset;
  private boolean standardConformingStrings = true;

  private String line;
  private int pos;
  private int lineNumber;
  private boolean eof;

  private final StringBuilder buffer = new StringBuilder();
  private boolean hasContent;
  private int startLine;
  private Quote quote = Quote.NONE;
  private String dollarTag;
  private int commentDepth;
  private int parens;

  public ScriptLexer(InputStream in, String source, Charset charset) {
    this.in = in;
    this.source = source;
    this.charset = charset;
  }

  /** Lines read after this call are decoded in {@code charset}. */
  public void charset(Charset charset) {
    this.charset = charset;
  }

  /** The charset lines are decoded in now. */
  public Charset charset() {
    return charset;
  }

  /**
   * Whether backslashes are plain characters in string literals, as {@code
   * standard_conforming_strings} says.
   */
  public boolean standardConformingStrings() {
    return standardConformingStrings;
  }

  /** With {@code standard_conforming_strings} off, backslashes escape in every string literal. */
  public void standardConformingStrings(boolean on) {
    this.standardConformingStrings = on;
  }

  /** The next statement or meta-command; null at the end of the script. */
  public Item next() throws IOException {
    while (true) {
      if (line == null || pos >= line.length()) {
        if (line != null && (hasContent || quote != Quote.NONE)) {
          buffer.append('\n');
        }
        line = readLine();
        pos = 0;
        if (line == null) {
          return endOfScript();
        }
        continue;
      }
      Item item = scan();
      if (item != null) {
        return item;
      }
    }
  }

  /**
   * Passes the data lines that follow a {@code COPY ... FROM stdin} statement to {@code sink}, up
   * to the {@code \.} line that ends them.
   */
  public void copyData(int copyLine, CopySink sink) throws IOException, SQLException {
    if (line != null && !line.substring(pos).isBlank()) {
      throw new ScriptSyntaxException(
          lineNumber, "COPY data must start on the line after the COPY statement");
    }
    line = null;
    while (true) {
      String data = readLine();
      if (data == null) {
        throw new ScriptSyntaxException(
            copyLine, "the data of this COPY is not ended by a line \\.");
      }
      if (data.equals("\\.")) {
        return;
      }
      sink.accept(data);
    }
  }

  public String source() {
    return source;
  }

  private Item endOfScript() {
    if (commentDepth > 0) {
      throw new ScriptSyntaxException(
          startLine, "unterminated /* comment at the end of the script");
    }
    if (quote != Quote.NONE) {
      throw new ScriptSyntaxException(
          startLine, "unterminated " + describe(quote) + " at the end of the script");
    }
    // psql runs an unterminated last statement when it reads a file, so we do too
    return hasContent ? takeStatement() : null;
  }

  private Item scan() {
    char c = line.charAt(pos);
    if (commentDepth > 0) {
      if (startsWith("*/")) {
        commentDepth--;
        pos += 2;
      } else if (startsWith("/*")) {
        commentDepth++;
        pos += 2;
      } else {
        pos++;
      }
      return null;
    }
    switch (quote) {
      case SINGLE, ESCAPED -> scanQuoted(c, '\'', quote == Quote.ESCAPED);
      case DOUBLE -> scanQuoted(c, '"', false);
      case DOLLAR -> {
        if (startsWith(dollarTag)) {
          append(dollarTag);
          pos += dollarTag.length();
          quote = Quote.NONE;
        } else {
          append(c);
          pos++;
        }
      }
      case NONE -> {
        return scanPlain(c);
      }
    }
    return null;
  }

  private void scanQuoted(char c, char delimiter, boolean backslashEscapes) {
    if (backslashEscapes && c == '\\' && pos + 1 < line.length()) {
      append(line.substring(pos, pos + 2));
      pos += 2;
    } else if (c == delimiter && pos + 1 < line.length() && line.charAt(pos + 1) == delimiter) {
      append(line.substring(pos, pos + 2));
      pos += 2;
    } else {
      if (c == delimiter) {
        quote = Quote.NONE;
      }
      append(c);
      pos++;
    }
  }

  private Item scanPlain(char c) {
    if (startsWith("--")) {
      pos = line.length();
      return null;
    }
    if (startsWith("/*")) {
      commentDepth = 1;
      pos += 2;
      buffer.append(' ');
      return null;
    }
    if (c == '\\') {
      if (hasContent) {
        throw new ScriptSyntaxException(
            lineNumber,
            "a backslash meta-command inside a statement is not supported: "
                + line.substring(pos).trim());
      }
      String text = line.substring(pos + 1).trim();
      pos = line.length();
      int space = indexOfWhitespace(text);
      return space < 0
          ? new MetaCommand(text, "", lineNumber)
          : new MetaCommand(text.substring(0, space), text.substring(space).trim(), lineNumber);
    }
    if (c == ';' && parens == 0) {
      pos++;
      return hasContent ? takeStatement() : null;
    }
    if (c == '\'') {
      quote = !standardConformingStrings || isEscapeStringPrefix() ? Quote.ESCAPED : Quote.SINGLE;
    } else if (c == '"') {
      quote = Quote.DOUBLE;
    } else if (c == '$' && !precededByIdentifierChar(pos)) {
      String tag = dollarTagAt(pos);
      if (tag != null) {
        quote = Quote.DOLLAR;
        dollarTag = tag;
        append(tag);
        pos += tag.length();
        return null;
      }
    } else if (c == '(') {
      parens++;
    } else if (c == ')' && parens > 0) {
      parens--;
    }
    append(c);
    pos++;
    return null;
  }

  private Statement takeStatement() {
    Statement statement = new Statement(buffer.toString().strip(), startLine);
    buffer.setLength(0);
    hasContent = false;
    parens = 0;
    return statement;
  }

  private void append(char c) {
    if (!hasContent && !Character.isWhitespace(c)) {
      hasContent = true;
      startLine = lineNumber;
    }
    if (hasContent) {
      buffer.append(c);
    }
  }

  private void append(String s) {
    for (int i = 0; i < s.length(); i++) {
      append(s.charAt(i));
    }
  }

  private boolean startsWith(String s) {
    return line.startsWith(s, pos);
  }

  private boolean isEscapeStringPrefix() {
    return pos > 0
        && (line.charAt(pos - 1) == 'E' || line.charAt(pos - 1) == 'e')
        && !precededByIdentifierChar(pos - 1);
  }

  private boolean precededByIdentifierChar(int at) {
    return at > 0 && isIdentifierChar(line.charAt(at - 1));
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
  }

  /**
   * {@code $tag$} or {@code $$} at {@code at}, or null when the dollar sign starts no quote (e.g.
   * {@code $1}).
   */
  private String dollarTagAt(int at) {
    int end = at + 1;
    while (end < line.length() && line.charAt(end) != '$') {
      char c = line.charAt(end);
      boolean valid =
          end == at + 1 ? Character.isLetter(c) || c == '_' || c >= 0x80 : isIdentifierChar(c);
      if (!valid) {
        return null;
      }
      end++;
    }
    return end < line.length() ? line.substring(at, end + 1) : null;
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Quote quote) {
    return switch (quote) {
      case SINGLE, ESCAPED -> "string literal";
      case DOUBLE -> "quoted identifier";
      case DOLLAR -> "dollar-quoted string";
      case NONE -> "statement";
    };
  }

  private String readLine() throws IOException {
    if (eof) {
      return null;
    }
    lineBytes.reset();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      lineBytes.write(b);
    }
    if (b == -1) {
      eof = true;
      if (lineBytes.size() == 0) {
        return null;
      }
    }
    lineNumber++;
    String text = lineBytes.toString(charset);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** A script that cannot be split; {@link #line()} is where the problem starts. */
  public static final class ScriptSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    ScriptSyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }
}
