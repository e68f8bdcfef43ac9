package io.datomize.examples.queryfeed;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, streamed into a {@link CopyIn} in chunks so memory stays
 * flat at any scale. Values are appended field by field; {@link #endRow()} closes a row.
 */
final class CopyText {
  private static final int FLUSH_AT = 1 << 20;

  private final CopyIn copy;
  private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
  private boolean rowStarted;

  CopyText(CopyIn copy) {
    this.copy = copy;
  }

  CopyText value(long value) {
    separate();
    buffer.append(value);
    return this;
  }

  CopyText value(double value) {
    separate();
    buffer.append(value);
    return this;
  }

  CopyText value(boolean value) {
    separate();
    buffer.append(value ? 't' : 'f');
    return this;
  }

  /** Text, escaped for the COPY format; {@code null} writes SQL NULL. */
  CopyText text(String value) {
    separate();
    if (value == null) {
      buffer.append("\\N");
      return this;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> buffer.append("\\\\");
        case '\t' -> buffer.append("\\t");
        case '\n' -> buffer.append("\\n");
        case '\r' -> buffer.append("\\r");
        default -> buffer.append(c);
      }
    }
    return this;
  }

  CopyText uuid(UUID value) {
    return text(value == null ? null : value.toString());
  }

  /** A decimal with two fraction digits from a whole number of cents. */
  CopyText cents(long cents) {
    separate();
    buffer.append(cents / 100).append('.');
    long fraction = cents % 100;
    if (fraction < 10) {
      buffer.append('0');
    }
    buffer.append(fraction);
    return this;
  }

  /**
   * A UTC timestamp from epoch seconds; {@code withZone} adds the {@code +00} a timestamptz column
   * reads.
   */
  CopyText timestamp(Long epochSecond, boolean withZone) {
    if (epochSecond == null) {
      return text(null);
    }
    separate();
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    buffer.append(t.getYear()).append('-');
    twoDigits(t.getMonthValue()).append('-');
    twoDigits(t.getDayOfMonth()).append(' ');
    twoDigits(t.getHour()).append(':');
    twoDigits(t.getMinute()).append(':');
    twoDigits(t.getSecond());
    if (withZone) {
      buffer.append("+00");
    }
    return this;
  }

  void endRow() throws SQLException {
    buffer.append('\n');
    rowStarted = false;
    if (buffer.length() >= FLUSH_AT) {
      flush();
    }
  }

  /** Sends what is buffered and ends the COPY; returns the rows the server took. */
  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  private void flush() throws SQLException {
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buffer.setLength(0);
  }

  private StringBuilder twoDigits(int value) {
    if (value < 10) {
      buffer.append('0');
    }
    return buffer.append(value);
  }

  private void separate() {
    if (rowStarted) {
      buffer.append('\t');
    }
    rowStarted = true;
  }
}
