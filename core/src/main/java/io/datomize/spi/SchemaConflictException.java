package io.datomize.spi;

import java.util.List;

/**
 * The target already has attributes that conflict with the schema to install; nothing was written.
 */
public class SchemaConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> conflicts;

  public SchemaConflictException(List<String> conflicts) {
    super(
        "the target's schema conflicts with the mapping; nothing was written:\n  - "
            + String.join("\n  - ", conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  /**
   * One line per conflict, e.g. {@code :user/email has :db.type/long in the target, the mapping
   * wants string}.
   */
  public List<String> conflicts() {
    return conflicts;
  }
}
