package io.datomize.spi;

import java.util.Objects;

/**
 * A value the source could not decode into a Java value, put by the reader in place of the value so
 * that the row is rejected with the table, key, column and value, and the run goes on. Never stored
 * in the target.
 */
public final class UnreadableValue {
  private final String text;
  private final String reason;

  private UnreadableValue(String text, String reason) {
    this.text = Objects.requireNonNull(text, "text");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * @param text the value as the source prints it
   * @param reason why it cannot be read, ending with the way out when there is one
   */
  public static UnreadableValue of(String text, String reason) {
    return new UnreadableValue(text, reason);
  }

  public String text() {
    return text;
  }

  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UnreadableValue u && text.equals(u.text) && reason.equals(u.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, reason);
  }

  @Override
  public String toString() {
    return text;
  }
}
