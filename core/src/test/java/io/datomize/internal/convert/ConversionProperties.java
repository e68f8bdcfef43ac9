package io.datomize.internal.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.report.RowError;
import io.datomize.spi.SourceRow;
import io.datomize.spi.TxEntity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

@Domain(ConversionCases.class)
class ConversionProperties {
  private static final ConversionContext CONTEXT =
      new ConversionContext(Instant.parse("2024-05-01T10:00:00Z"), ZoneId.of("Europe/Berlin"));

  @Property(tries = 300)
  void converts_every_row_to_exactly_one_entity_or_one_error_and_never_to_a_null(
      @ForAll ConversionCase sample) {
    RowConverter converter =
        RowConverters.load(sample.entity(), sample.mapping(), Set.of(), CONTEXT);

    for (SourceRow row : sample.rows()) {
      Conversion conversion = converter.convert(row);

      assertThat(conversion).isNotNull();
      assertThat(conversion.isEntity())
          .as("entity xor error: %s", conversion)
          .isNotEqualTo(conversion.isError());
      if (conversion.isEntity()) {
        assertNoNulls(conversion.entity());
      } else {
        assertNamesTheRow(conversion.error());
      }
      Statistics.label("result").collect(conversion.isEntity() ? "entity" : "error");
    }
    Statistics.label("composite key").collect(sample.hasCompositeKey());
    Statistics.label("null value").collect(sample.hasNull());
    Statistics.label("result").coverage(c -> c.check("error").percentage(p -> p > 10));
    Statistics.label("result").coverage(c -> c.check("entity").percentage(p -> p > 10));
    Statistics.label("composite key").coverage(c -> c.check(true).percentage(p -> p > 15));
    Statistics.label("null value").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  @Property(tries = 300)
  void converts_the_same_row_in_the_same_context_to_equal_results(@ForAll ConversionCase sample) {
    RowConverter first = RowConverters.load(sample.entity(), sample.mapping(), Set.of(), CONTEXT);
    RowConverter second = RowConverters.load(sample.entity(), sample.mapping(), Set.of(), CONTEXT);

    for (SourceRow row : sample.rows()) {
      Conversion once = first.convert(row);

      assertThat(first.convert(row)).isEqualTo(once);
      assertThat(second.convert(row)).isEqualTo(once);
    }
    Statistics.label("composite key").collect(sample.hasCompositeKey());
    Statistics.label("null value").collect(sample.hasNull());
    Statistics.label("composite key").coverage(c -> c.check(true).percentage(p -> p > 15));
    Statistics.label("null value").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  private static void assertNoNulls(TxEntity entity) {
    assertThat(entity.identity().value()).isNotNull();
    for (int i = 0; i < entity.size(); i++) {
      Object value = entity.value(i);
      assertThat(value).as("value of %s", entity.attribute(i)).isNotNull();
      if (value instanceof Collection<?> many) {
        assertThat(many).as("values of %s", entity.attribute(i)).doesNotContainNull().isNotEmpty();
      }
    }
  }

  private static void assertNamesTheRow(RowError error) {
    assertThat(error.table().name()).isEqualTo("t");
    assertThat(error.keyColumns()).isNotEmpty();
    assertThat(error.column()).isPresent();
    assertThat(error.reason()).isNotBlank();
    assertThat(error.message()).contains("public.t (k1=");
  }
}
