package io.datomize.model;

import io.datomize.spi.SourceRow;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a null source value becomes, since Datomic has no nil: no assertion ({@link #omit()}), a row
 * error ({@link #required()}), a default value ({@link #defaultTo(Object)}) or the run's start time
 * ({@link #defaultNow()}).
 */
@Value.Immutable
public abstract class NullPolicy {
  /** The kinds of null policy. */
  public enum Kind {
    OMIT,
    REQUIRED,
    DEFAULT_VALUE,
    DEFAULT_NOW
  }

  @Value.Parameter
  public abstract Kind kind();

  /**
   * For {@link Kind#DEFAULT_VALUE}: the value asserted instead of null, already of the attribute's
   * type.
   */
  @Value.Parameter
  public abstract Optional<Object> defaultValue();

  /** Asserts nothing for a null: Datomic's natural way to say "no value". */
  public static NullPolicy omit() {
    return ImmutableNullPolicy.of(Kind.OMIT, Optional.empty());
  }

  /** A null is a row error naming table, key and column. */
  public static NullPolicy required() {
    return ImmutableNullPolicy.of(Kind.REQUIRED, Optional.empty());
  }

  /** A null becomes {@code value}, as {@code (or x "")} does in a hand-written mapping. */
  public static NullPolicy defaultTo(Object value) {
    return ImmutableNullPolicy.of(Kind.DEFAULT_VALUE, Optional.of(value));
  }

  /**
   * A null becomes the migration run's start time: one instant for every row of a run, so that
   * conversion stays deterministic and a resumed run writes what the first attempt would have.
   */
  public static NullPolicy defaultNow() {
    return ImmutableNullPolicy.of(Kind.DEFAULT_NOW, Optional.empty());
  }

  @Value.Check
  protected void check() {
    if ((kind() == Kind.DEFAULT_VALUE) != defaultValue().isPresent()) {
      throw new IllegalArgumentException(
          "a default value is given exactly for the DEFAULT_VALUE null policy");
    }
  }

  @Override
  public String toString() {
    return switch (kind()) {
      case OMIT -> "omit if null";
      case REQUIRED -> "required";
      case DEFAULT_VALUE ->
          "default " + SourceRow.describe(defaultValue().orElseThrow()) + " if null";
      case DEFAULT_NOW -> "default now if null";
    };
  }
}
