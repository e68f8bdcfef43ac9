package io.datomize.model;

import io.datomize.target.ValueType;

/**
 * Turns a non-null source value into a value of {@link #target()}, e.g. text into a URI. Built-in
 * converters come from {@link Converters}; a converter must be a pure function so that conversion
 * stays deterministic.
 */
public interface ValueConverter {
  /** A short name for plans and mapping files, e.g. {@code text->uri}. */
  String id();

  /** The Datomic value type the converter produces. */
  ValueType target();

  /**
   * Converts a non-null value.
   *
   * @throws IllegalArgumentException when the value cannot be converted; its message becomes the
   *     row error's reason
   */
  Object convert(Object value);
}
