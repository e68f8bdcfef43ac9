package io.datomize.model;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.immutables.value.Value;

/** Settings that apply to a whole mapping. */
@Value.Immutable
public abstract class MappingOptions {
  /** The zone in which {@code timestamp without time zone} and {@code date} values are read; UTC by default. */
  @Value.Default
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /** When set, validation reports every nullable column whose null policy was not chosen explicitly. */
  @Value.Default
  public boolean strictNulls() {
    return false;
  }

  /**
   * When set, NaN and infinite real and double values are loaded as they are; otherwise each is a row error, since
   * they rarely mean what a source system wanted.
   */
  @Value.Default
  public boolean allowNonFiniteNumbers() {
    return false;
  }

  /** How conventions named what the mapping did not name itself; {@link Naming#IDIOMATIC} by default. */
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

  public static class Builder extends ImmutableMappingOptions.Builder {}
}
