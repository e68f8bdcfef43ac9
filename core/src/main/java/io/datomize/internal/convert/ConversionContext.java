package io.datomize.internal.convert;

import io.datomize.model.MappingOptions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What conversion needs besides the mapping and the row: the run's start, which every {@link
 * io.datomize.model.NullPolicy#defaultNow()} asserts so that a resumed run writes what the first
 * attempt would have, and the zone in which dates and timestamps without time zone are read.
 */
public record ConversionContext(Instant runStart, ZoneId zone) {
  public ConversionContext {
    Objects.requireNonNull(runStart, "runStart");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * The context of a run that started at {@code runStart}, reading local times in the mapping's
   * zone.
   */
  public static ConversionContext of(Instant runStart, MappingOptions options) {
    return new ConversionContext(runStart, options.zone());
  }
}
