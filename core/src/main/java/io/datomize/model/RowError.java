package io.datomize.model;

import java.util.Optional;
import org.immutables.value.Value;

/** Why one source row cannot be loaded, naming the table, the row's key, the column and the value. */
@Value.Immutable
public abstract class RowError {
  /** Values longer than this are cut in messages and reject files. */
  public static final int MAX_VALUE_LENGTH = 200;

  public abstract TableName table();

  public abstract RowKey key();

  /** The key's column names, to print {@code id=42}. */
  public abstract java.util.List<String> keyColumns();

  public abstract Optional<String> column();

  /** The offending value as text, cut to {@link #MAX_VALUE_LENGTH} characters. */
  public abstract Optional<String> value();

  public abstract String reason();

  public static Builder builder() {
    return new Builder();
  }

  /** The value as text for a message: strings quoted, long values cut, bytes summarised. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof byte[] b ? "bytes[" + b.length + "]" : value.toString();
    if (text.length() > MAX_VALUE_LENGTH) {
      text = text.substring(0, MAX_VALUE_LENGTH) + "...(" + text.length() + " chars)";
    }
    return value instanceof CharSequence ? "'" + text + "'" : text;
  }

  /** E.g. {@code public.users (id=42) column source, value 'myspace': unknown enum value ...}. */
  public String message() {
    StringBuilder out = new StringBuilder().append(table()).append(" (");
    for (int i = 0; i < key().size(); i++) {
      String name = i < keyColumns().size() ? keyColumns().get(i) : "key" + i;
      out.append(i == 0 ? "" : ", ").append(name).append('=').append(key().get(i));
    }
    out.append(')');
    column().ifPresent(c -> out.append(" column ").append(c));
    value().ifPresent(v -> out.append(", value ").append(v));
    return out.append(": ").append(reason()).toString();
  }

  @Override
  public String toString() {
    return message();
  }

  public static class Builder extends ImmutableRowError.Builder {}
}
