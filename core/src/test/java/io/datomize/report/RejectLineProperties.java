package io.datomize.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.model.RowError;
import io.datomize.model.RowKey;
import io.datomize.model.TableName;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.statistics.Statistics;

class RejectLineProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 500)
  void every_reject_line_is_json_that_gives_back_its_strings(
      @ForAll @StringLength(max = 40) String key,
      @ForAll @StringLength(max = 300) String value,
      @ForAll @StringLength(max = 60) String reason) throws IOException {
    RowError error = RowError.builder()
        .table(TableName.of("public", "odd \"table\""))
        .key(RowKey.of(key, 7L))
        .keyColumns(java.util.List.of("code", "n"))
        .column("a\tcolumn")
        .value(RowError.describe(value))
        .reason(reason)
        .build();
    boolean hasControl = (key + value + reason).chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\');
    Statistics.label("control characters, quotes or backslashes").collect(hasControl);
    Statistics.label("control characters, quotes or backslashes")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 10));

    String line = RejectedRow.of("load public.odd", error).toJsonLine();
    JsonNode parsed = JSON.readTree(line);

    assertThat(line).doesNotContain("\n");
    assertThat(parsed.get("table").asText()).isEqualTo("public.odd \"table\"");
    assertThat(parsed.get("key").get("code").asText()).isEqualTo(key);
    assertThat(parsed.get("key").get("n").asText()).isEqualTo("7");
    assertThat(parsed.get("column").asText()).isEqualTo("a\tcolumn");
    assertThat(parsed.get("value").asText()).isEqualTo(RowError.describe(value));
    assertThat(parsed.get("reason").asText()).isEqualTo(reason);
  }
}
