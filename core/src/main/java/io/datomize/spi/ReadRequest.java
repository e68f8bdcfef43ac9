package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What to read of one table: which columns, in the order of which key, from where. */
@Value.Immutable
public abstract class ReadRequest {
  public abstract TableName table();

  /** The columns to read; they include every key column. */
  public abstract List<String> columns();

  /** The columns whose values order the rows and form the cursor. */
  public abstract List<String> keyColumns();

  /** Read only the rows whose key is greater than this one; from the first row when empty. */
  public abstract Optional<RowKey> after();

  /** Read only the rows changed since a watermark; every row when empty. */
  public abstract Optional<ChangedSince> changedSince();

  /** Rows fetched per round trip, at most; memory stays bounded by it whatever the table's size. */
  @Value.Default
  public int fetchSize() {
    return 1_000;
  }

  /**
   * Estimated bytes fetched per round trip ({@link SourceRow#estimatedBytes()}); default 32 MiB. A
   * source that cannot stop a fetch at a size fetches fewer rows once it has seen how large they
   * are, so that a table of large values does not fill memory with {@link #fetchSize()} of them.
   */
  @Value.Default
  public long fetchBytes() {
    return 32L << 20;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (keyColumns().isEmpty()) {
      throw new IllegalArgumentException(
          table() + ": a read needs key columns to order and resume by");
    }
    List<String> missing = keyColumns().stream().filter(k -> !columns().contains(k)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          table() + ": key columns " + missing + " must be among the columns read");
    }
    if (after().isPresent() && after().get().size() != keyColumns().size()) {
      throw new IllegalArgumentException(
          table() + ": cursor " + after().get() + " does not fit key " + keyColumns());
    }
    if (fetchSize() < 1) {
      throw new IllegalArgumentException(
          table() + ": fetch size must be positive, got " + fetchSize());
    }
    if (fetchBytes() < 1) {
      throw new IllegalArgumentException(
          table() + ": fetch bytes must be positive, got " + fetchBytes());
    }
  }

  public static class Builder extends ImmutableReadRequest.Builder {}
}
