package io.datomize.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.ColumnType;
import io.datomize.catalog.TypeFamily;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateTimeRange;

/**
 * Array elements arrive as PostgreSQL's text, which the decoder parses itself; scalar columns go
 * through pgjdbc.
 */
class TimestampTextProperties {
  private static final DateTimeFormatter POSTGRES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  @Property
  void reads_postgres_timestamp_text(
      @ForAll @DateTimeRange(min = "0001-01-01T00:00:00", max = "9999-12-31T23:59:59")
          LocalDateTime value) {
    LocalDateTime micros = value.truncatedTo(ChronoUnit.MICROS);
    String text = postgresText(micros);

    assertThat(decoder(TypeFamily.TIMESTAMP).parse(text)).isEqualTo(micros);
    assertThat(decoder(TypeFamily.TIMESTAMPTZ).parse(text + "+00"))
        .isEqualTo(micros.toInstant(ZoneOffset.UTC));
  }

  @Example
  void reads_bc_far_off_and_infinite_values() {
    assertThat(decoder(TypeFamily.TIMESTAMP).parse("0044-03-15 12:00:00 BC"))
        .isEqualTo(LocalDateTime.of(-43, 3, 15, 12, 0));
    assertThat(decoder(TypeFamily.TIMESTAMP).parse("12345-01-01 00:00:00.5"))
        .isEqualTo(LocalDateTime.of(12345, 1, 1, 0, 0, 0, 500_000_000));
    assertThat(decoder(TypeFamily.DATE).parse("4713-11-24 BC"))
        .isEqualTo(LocalDate.of(-4712, 11, 24));
    assertThat(decoder(TypeFamily.DATE).parse("infinity")).isEqualTo(LocalDate.MAX);
    assertThat(decoder(TypeFamily.TIMESTAMP).parse("-infinity")).isEqualTo(LocalDateTime.MIN);
  }

  private static ColumnDecoder decoder(TypeFamily family) {
    return new ColumnDecoder(
        new PgColumn(
            1,
            "c",
            ColumnType.of(family.name().toLowerCase(), family),
            true,
            "pg_catalog",
            family.name().toLowerCase(),
            null,
            null));
  }

  /**
   * PostgreSQL's ISO output: fractional seconds only when there are any, without trailing zeros.
   */
  private static String postgresText(LocalDateTime value) {
    String text = value.format(POSTGRES);
    if (value.getNano() == 0) {
      return text;
    }
    String fraction = String.format("%06d", value.getNano() / 1_000).replaceFirst("0+$", "");
    return text + "." + fraction;
  }
}
