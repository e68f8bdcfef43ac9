package io.datomize.examples.sql;

/** A {@link SqlScript} stopped: the message names the script and the line, and says why. */
public class SqlScriptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  public SqlScriptException(String source, int line, String message, Throwable cause) {
    super(source + ":" + line + ": " + message, cause);
    this.source = source;
    this.line = line;
  }

  /** The script's name, usually its file. */
  public String source() {
    return source;
  }

  /** The 1-based line where the failing statement or command starts. */
  public int line() {
    return line;
  }
}
