package io.datomize.spi;

import io.datomize.catalog.TableName;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.immutables.value.Value;

/**
 * A read of the rows of a table whose {@link #matchColumns()} equal one of the {@link
 * #candidates()}: which target entities still have a source row, which bridge rows an owner has.
 *
 * <p>Candidates come from the target, so each value has the Java type of the identity or lookup
 * attribute it was read from ({@code Long} for an {@code int4} key, an {@code Instant} for a {@code
 * date} key, at {@link #zone()}); the source converts them to the columns' types before comparing.
 * A candidate that no value of the column can equal matches nothing. For a content-keyed table, the
 * match columns may be {@link ContentKey#COLUMNS}.
 */
@Value.Immutable
public abstract class LookupRequest {
  public abstract TableName table();

  /** The columns to read; they include every key column and every match column. */
  public abstract List<String> columns();

  /** The columns that name each row read, as in {@link ReadRequest#keyColumns()}. */
  public abstract List<String> keyColumns();

  public abstract List<String> matchColumns();

  /** Each one value per match column, in their order. */
  public abstract List<RowKey> candidates();

  /**
   * The zone in which an {@code Instant} candidate names the value of a {@code date} or {@code
   * timestamp} column: the mapping's, which made the instant from it; UTC by default.
   */
  @Value.Default
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (matchColumns().isEmpty()) {
      throw new IllegalArgumentException(table() + ": a lookup needs columns to match");
    }
    for (RowKey candidate : candidates()) {
      if (candidate.size() != matchColumns().size()) {
        throw new IllegalArgumentException(
            table() + ": candidate " + candidate + " does not fit " + matchColumns());
      }
    }
    List<String> missing =
        java.util.stream.Stream.concat(keyColumns().stream(), matchColumns().stream())
            .filter(c -> !columns().contains(c))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          table() + ": key and match columns " + missing + " must be among the columns read");
    }
  }

  public static class Builder extends ImmutableLookupRequest.Builder {}
}
