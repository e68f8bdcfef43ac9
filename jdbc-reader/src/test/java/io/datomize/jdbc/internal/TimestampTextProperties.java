package io.datomize.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateTimeRange;

class TimestampTextProperties {
  private static final DateTimeFormatter POSTGRES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  @Property
  void reads_postgres_timestamp_text_as_the_general_parser_does(
      @ForAll @DateTimeRange(min = "0001-01-01T00:00:00", max = "9999-12-31T23:59:59") LocalDateTime value) {
    LocalDateTime micros = value.truncatedTo(ChronoUnit.MICROS);
    String text = postgresText(micros);

    assertThat(ColumnDecoder.commonDateTime(text, text.length())).isEqualTo(micros);
    assertThat(ColumnDecoder.commonDateTime(text + "+00", text.length())).isEqualTo(micros);
  }

  @Example
  void leaves_other_shapes_to_the_general_parser() {
    for (String text : new String[] {"12345-01-01 00:00:00", "2024-02-30 00:00:00", "2024-01-01T00:00:00",
        "2024-01-01 00:00:00.", "2024-01-01 00:00:00.1234567", "0044-03-15 12:00:00 BC", "2024-01-01 0x:00:00"}) {
      assertThat(ColumnDecoder.commonDateTime(text, text.length())).as(text).isNull();
    }
  }

  /** PostgreSQL's ISO output: fractional seconds only when there are any, without trailing zeros. */
  private static String postgresText(LocalDateTime value) {
    String text = value.format(POSTGRES);
    if (value.getNano() == 0) {
      return text;
    }
    String fraction = String.format("%06d", value.getNano() / 1_000).replaceFirst("0+$", "");
    return text + "." + fraction;
  }
}
