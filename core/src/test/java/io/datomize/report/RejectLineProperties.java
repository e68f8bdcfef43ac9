package io.datomize.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datomize.catalog.TableName;
import io.datomize.spi.RowKey;
import io.datomize.spi.SourceRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class RejectLineProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 500)
  void every_reject_line_is_json_that_gives_back_its_strings(
      @ForAll("awkward") String key,
      @ForAll("awkward") String value,
      @ForAll("awkward") String reason,
      @ForAll("otherValues") List<String> otherValues)
      throws IOException {
    List<ColumnFailure> failures = new ArrayList<>();
    failures.add(ColumnFailure.of("a\tcolumn", SourceRow.describe(value), reason));
    for (int i = 0; i < otherValues.size(); i++) {
      failures.add(
          ColumnFailure.of(
              "other \"" + i + "\"", SourceRow.describe(otherValues.get(i)), "bad " + i));
    }
    RowError error =
        RowError.of(
            TableName.of("public", "odd \"table\""),
            RowKey.of(key, 7L),
            List.of("code", "n"),
            failures);
    String all = key + value + reason + String.join("", otherValues);
    boolean awkward = all.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\' || c == '\u2028');
    // the arbitrary draws about one character in three from the awkward ones, so nearly every try
    // has some
    Statistics.label("control characters, quotes or backslashes").collect(awkward);
    Statistics.label("control characters, quotes or backslashes")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 40));
    // sizes 0 to 3 come about equally often, so about three tries in four have more than one
    // failure
    Statistics.label("several bad columns").collect(failures.size() > 1);
    Statistics.label("several bad columns")
        .coverage(
            coverage -> {
              coverage.check(true).percentage(p -> p > 30);
              coverage.check(false).percentage(p -> p > 5);
            });

    String line = RejectedRow.of("load public.odd", error).toJsonLine();
    JsonNode parsed = JSON.readTree(line);

    assertThat(line).doesNotContain("\n");
    assertThat(parsed.get("table").asText()).isEqualTo("public.odd \"table\"");
    assertThat(parsed.get("key").get("code").asText()).isEqualTo(key);
    assertThat(parsed.get("key").get("n").asText()).isEqualTo("7");
    assertThat(parsed.get("column").asText()).isEqualTo("a\tcolumn");
    assertThat(parsed.get("value").asText()).isEqualTo(SourceRow.describe(value));
    assertThat(parsed.get("reason").asText()).isEqualTo(reason);
    if (failures.size() == 1) {
      assertThat(parsed.has("failures")).isFalse();
    } else {
      JsonNode listed = parsed.get("failures");
      assertThat(listed.size()).isEqualTo(failures.size());
      for (int i = 0; i < failures.size(); i++) {
        assertThat(listed.get(i).get("column").asText()).isEqualTo(failures.get(i).column());
        assertThat(listed.get(i).get("value").asText()).isEqualTo(failures.get(i).value());
        assertThat(listed.get(i).get("reason").asText()).isEqualTo(failures.get(i).reason());
      }
    }
  }

  /** The values of up to three more bad columns. */
  @Provide
  Arbitrary<List<String>> otherValues() {
    return awkward().list().ofMaxSize(3);
  }

  /**
   * Strings of up to 300 characters, a third of them control characters, quotes, backslashes or
   * line separators.
   */
  @Provide
  Arbitrary<String> awkward() {
    Arbitrary<Character> odd =
        Arbitraries.of('"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u2028', '\b');
    Arbitrary<Character> plain = Arbitraries.chars().all();
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, odd), net.jqwik.api.Tuple.of(2, plain))
        .list()
        .ofMaxSize(300)
        .map(
            chars -> {
              StringBuilder out = new StringBuilder(chars.size());
              chars.forEach(out::append);
              return out.toString();
            });
  }
}
