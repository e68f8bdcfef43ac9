package io.datomize.model;

/**
 * Checks that text is one JSON value and writes it without insignificant white space, keeping every string and number
 * exactly as written (escapes, exponents), which a parser's events written out again would not.
 */
final class JsonText {
  private final String text;
  private final StringBuilder out;
  private int at;

  private JsonText(String text) {
    this.text = text;
    this.out = new StringBuilder(text.length());
  }

  /** The compact form of {@code text}. @throws IllegalArgumentException naming where the text stops being JSON */
  static String normalize(String text) {
    JsonText json = new JsonText(text);
    json.value();
    json.space();
    if (json.at != text.length()) {
      throw json.error("text after the JSON value");
    }
    return json.out.toString();
  }

  private void value() {
    space();
    if (at >= text.length()) {
      throw error("a value expected");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{' -> container('}', true);
      case '[' -> container(']', false);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw error("unexpected '" + c + "'");
        }
      }
    }
  }

  private void container(char close, boolean object) {
    out.append(text.charAt(at++));
    space();
    if (at < text.length() && text.charAt(at) == close) {
      out.append(text.charAt(at++));
      return;
    }
    while (true) {
      if (object) {
        space();
        if (at >= text.length() || text.charAt(at) != '"') {
          throw error("a string key expected");
        }
        string();
        space();
        expect(':');
      }
      value();
      space();
      if (at < text.length() && text.charAt(at) == ',') {
        out.append(text.charAt(at++));
      } else {
        expect(close);
        return;
      }
    }
  }

  private void string() {
    int start = at++;
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        out.append(text, start, at);
        return;
      }
      if (c == '\\') {
        if (at >= text.length() || "\"\\/bfnrtu".indexOf(text.charAt(at)) < 0) {
          throw error("a bad escape");
        }
        if (text.charAt(at++) == 'u') {
          for (int i = 0; i < 4; i++, at++) {
            if (at >= text.length() || Character.digit(text.charAt(at), 16) < 0) {
              throw error("a bad \\u escape");
            }
          }
        }
      } else if (c < 0x20) {
        throw error("a control character in a string");
      }
    }
    throw error("an unterminated string");
  }

  private void number() {
    int start = at;
    if (text.charAt(at) == '-') {
      at++;
    }
    if (digits() == 0) {
      throw error("a number without digits");
    }
    if (at < text.length() && text.charAt(at) == '.') {
      at++;
      if (digits() == 0) {
        throw error("no digits after the decimal point");
      }
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      at++;
      if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
        at++;
      }
      if (digits() == 0) {
        throw error("no digits in the exponent");
      }
    }
    out.append(text, start, at);
  }

  private int digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at - start;
  }

  private void literal(String word) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected text");
    }
    out.append(word);
    at += word.length();
  }

  private void expect(char c) {
    if (at >= text.length() || text.charAt(at) != c) {
      throw error("'" + c + "' expected");
    }
    out.append(c);
    at++;
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not JSON: " + what + " at character " + (at + 1));
  }
}
