package io.datomize.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** JSON text that core writes or normalizes reads back as the JSON value it came from. */
class JsonTextProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 500)
  void json_text_normalizes_to_the_compact_form_of_the_same_value(
      @ForAll("documents") JsonNode document) throws JsonProcessingException {
    String compact = JSON.writeValueAsString(document);
    String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);

    Object normalized = Converters.json().convert(pretty);

    assertThat(normalized).isEqualTo(compact);
    assertThat(JSON.readTree((String) normalized)).isEqualTo(JSON.readTree(compact));
    assertThat(Converters.json().convert(normalized)).isEqualTo(normalized);
    boolean nested = document.isContainerNode() && containers(document) > 1;
    // a container comes one time in three at each level, so about a third of the documents nest
    Statistics.label("nested containers").collect(nested);
    Statistics.label("nested containers")
        .coverage(
            coverage -> {
              coverage.check(true).percentage(p -> p > 10);
              coverage.check(false).percentage(p -> p > 10);
            });
  }

  @Property(tries = 500)
  void an_array_written_as_json_reads_back_element_for_element(@ForAll("arrays") List<Object> array)
      throws JsonProcessingException {
    String written = (String) Converters.arrayToJson().convert(array);

    assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(JSON.writeValueAsString(array)));
    assertThat(written).doesNotContain("\n");
  }

  private static int containers(JsonNode node) {
    if (!node.isContainerNode()) {
      return 0;
    }
    int count = 1;
    for (JsonNode child : node) {
      count += containers(child);
    }
    return count;
  }

  @Provide
  Arbitrary<JsonNode> documents() {
    return document(3);
  }

  private static Arbitrary<JsonNode> document(int depth) {
    Arbitrary<JsonNode> scalars =
        Arbitraries.oneOf(
            text().map(NODES::textNode),
            Arbitraries.longs().map(NODES::numberNode),
            Arbitraries.doubles().filter(Double::isFinite).map(NODES::numberNode),
            decimals().map(NODES::numberNode),
            Arbitraries.of(true, false).map(NODES::booleanNode),
            Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonNode> arrays =
        document(depth - 1)
            .list()
            .ofMaxSize(4)
            .map(
                items -> {
                  ArrayNode array = NODES.arrayNode();
                  items.forEach(array::add);
                  return array;
                });
    Arbitrary<JsonNode> objects =
        Arbitraries.maps(text(), document(depth - 1))
            .ofMaxSize(4)
            .map(
                fields -> {
                  ObjectNode object = NODES.objectNode();
                  fields.forEach(object::set);
                  return object;
                });
    return Arbitraries.frequencyOf(Tuple.of(4, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
  }

  /**
   * Arrays of up to two dimensions of what a reader gives: longs, decimals, booleans, text, nulls.
   */
  @Provide
  Arbitrary<List<Object>> arrays() {
    Arbitrary<Object> element =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.longs().map(Object.class::cast)),
            Tuple.of(1, decimals().map(Object.class::cast)),
            Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
            Tuple.of(2, text().map(Object.class::cast)),
            Tuple.of(1, Arbitraries.just(null)));
    Arbitrary<List<Object>> flat = element.list().ofMaxSize(6);
    Arbitrary<List<Object>> square =
        Combinators.combine(
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3))
            .flatAs(
                (rows, columns) ->
                    element
                        .list()
                        .ofSize(columns)
                        .list()
                        .ofSize(rows)
                        .map(matrix -> new ArrayList<Object>(matrix)));
    return Arbitraries.oneOf(flat, square);
  }

  /**
   * Text with the characters JSON escapes (quotes, backslashes, controls), unicode, and any other.
   */
  private static Arbitrary<String> text() {
    Arbitrary<Character> escaped =
        Arbitraries.of(
            '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u2028', 'é', '日');
    return Arbitraries.frequencyOf(Tuple.of(1, escaped), Tuple.of(2, Arbitraries.chars().all()))
        .list()
        .ofMaxSize(20)
        .map(
            chars -> {
              StringBuilder out = new StringBuilder();
              chars.forEach(out::append);
              return out.toString();
            });
  }

  private static Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
            Arbitraries.integers().between(-5, 20))
        .as(BigDecimal::new);
  }
}
