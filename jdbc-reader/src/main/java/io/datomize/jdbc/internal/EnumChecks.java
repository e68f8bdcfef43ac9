package io.datomize.jdbc.internal;

import io.datomize.catalog.EnumCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises CHECK constraints that only list the values a column may take, in the form PostgreSQL prints them
 * ({@code pg_get_constraintdef}): {@code CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))}, with the casts and
 * parentheses it adds, or {@code CHECK (status IN ('a', 'b'))}.
 */
public final class EnumChecks {
  private enum Kind { STRING, IDENT, QUOTED_IDENT, NUMBER, SYMBOL }

  private record Token(Kind kind, String text) {
    boolean is(String word) {
      return (kind == Kind.IDENT || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
    }
  }

  private static final Set<String> STOP_WORDS = Set.of("any", "in", "and", "or", "not", "is", "array");

  private EnumChecks() {}

  /** The candidate when {@code definition} only lists string values for one column; empty otherwise. */
  public static Optional<EnumCandidate> parse(String definition) {
    List<Token> tokens = withoutCastsAndGrouping(tokenize(definition));
    if (tokens == null || tokens.size() < 4 || !tokens.get(0).is("check")) {
      return Optional.empty();
    }
    Token column = tokens.get(1);
    if (column.kind() != Kind.IDENT && column.kind() != Kind.QUOTED_IDENT) {
      return Optional.empty();
    }
    int at;
    if (tokens.get(2).is("in")) {
      at = 3;
    } else if (tokens.size() > 5 && tokens.get(2).is("=") && tokens.get(3).is("any") && tokens.get(4).is("array")) {
      at = 5;
    } else {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (int i = at; i < tokens.size(); i += 2) {
      if (tokens.get(i).kind() != Kind.STRING || i + 1 < tokens.size() && !tokens.get(i + 1).is(",")) {
        return Optional.empty();
      }
      values.add(tokens.get(i).text());
    }
    String name = column.kind() == Kind.IDENT ? column.text().toLowerCase(Locale.ROOT) : column.text();
    return values.isEmpty() ? Optional.empty() : Optional.of(EnumCandidate.of(name, values));
  }

  private static List<Token> withoutCastsAndGrouping(List<Token> tokens) {
    if (tokens == null) {
      return null;
    }
    List<Token> kept = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("::")) {
        i = endOfTypeName(tokens, i + 1) - 1;
      } else if (!token.is("(") && !token.is(")") && !token.is("[") && !token.is("]")) {
        kept.add(token);
      }
    }
    return kept;
  }

  /** The index after a type name such as {@code character varying(20)[]} or {@code public."My Type"}. */
  private static int endOfTypeName(List<Token> tokens, int at) {
    int i = at;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      boolean name = t.kind() == Kind.QUOTED_IDENT
          || t.kind() == Kind.IDENT && !STOP_WORDS.contains(t.text().toLowerCase(Locale.ROOT));
      if (name || t.is(".")) {
        i++;
      } else if (t.is("[") && i + 1 < tokens.size() && tokens.get(i + 1).is("]")) {
        i += 2;
      } else if (t.is("(") && i > at && tokens.get(i - 1).kind() != Kind.SYMBOL) {
        while (i < tokens.size() && !tokens.get(i).is(")")) {
          i++;
        }
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= s.length()) {
            return null;
          }
          if (s.charAt(j) == c) {
            if (j + 1 < s.length() && s.charAt(j + 1) == c) {
              text.append(c);
              j += 2;
              continue;
            }
            break;
          }
          text.append(s.charAt(j++));
        }
        tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENT, text.toString()));
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
          j++;
        }
        tokens.add(new Token(Kind.IDENT, s.substring(i, j)));
        i = j;
      } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, s.substring(i, j)));
        i = j;
      } else if (s.startsWith("::", i)) {
        tokens.add(new Token(Kind.SYMBOL, "::"));
        i += 2;
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    return tokens;
  }
}
