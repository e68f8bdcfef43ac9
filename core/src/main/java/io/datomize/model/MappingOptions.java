package io.datomize.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.immutables.value.Value;

/** Settings that apply to a whole mapping. */
@Value.Immutable
public abstract class MappingOptions {
  /**
   * The zone in which {@code timestamp without time zone} and {@code date} values are read; UTC by
   * default.
   */
  @Value.Default
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /**
   * When set, validation reports every nullable column whose null policy was not chosen explicitly.
   */
  @Value.Default
  public boolean strictNulls() {
    return false;
  }

  /**
   * When set, NaN and infinite real and double values are loaded as they are; otherwise each is a
   * row error, since they rarely mean what a source system wanted.
   */
  @Value.Default
  public boolean allowNonFiniteNumbers() {
    return false;
  }

  /**
   * The instant that {@code -infinity} in a date or timestamp column loads as. Set together with
   * {@link #positiveInfinity()}; when neither is set, an infinite date or timestamp is a row error,
   * since Datomic instants have no infinity.
   */
  public abstract Optional<Instant> negativeInfinity();

  /**
   * The instant that {@code infinity} in a date or timestamp column loads as; see {@link
   * #negativeInfinity()}.
   */
  public abstract Optional<Instant> positiveInfinity();

  /**
   * When set, null elements of arrays are dropped; otherwise each is a row error, since Datomic has
   * no nil. A mapping-wide choice like {@link #allowNonFiniteNumbers()}: the values of a
   * cardinality-many attribute are a set, so a null element carries nothing that dropping it would
   * lose besides its presence.
   */
  @Value.Default
  public boolean dropNullArrayElements() {
    return false;
  }

  /**
   * How conventions named what the mapping did not name itself; {@link Naming#IDIOMATIC} by
   * default.
   */
  @Value.Default
  public Naming naming() {
    return Naming.IDIOMATIC;
  }

  public static MappingOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (negativeInfinity().isPresent() != positiveInfinity().isPresent()) {
      throw new IllegalArgumentException(
          "give both instants for infinite dates and timestamps, -infinity and"
              + " infinity, or neither");
    }
    if (negativeInfinity().isPresent()
        && !negativeInfinity().get().isBefore(positiveInfinity().get())) {
      throw new IllegalArgumentException(
          "-infinity must load as an instant before the one infinity loads as, not "
              + negativeInfinity().get()
              + " and "
              + positiveInfinity().get());
    }
  }

  public static class Builder extends ImmutableMappingOptions.Builder {}
}
