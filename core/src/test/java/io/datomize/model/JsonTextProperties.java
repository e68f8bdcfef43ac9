package io.datomize.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonTextProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 300)
  void compact_text_is_the_tree_written_without_white_space_and_compacting_it_again_changes_nothing(@ForAll("json") JsonNode value)
      throws Exception {
    String spaced = value.toPrettyString();

    String compact = (String) Converters.json().convert(spaced);

    // the same text Jackson writes for the tree, to the digit: only white space between tokens went
    assertThat(compact).isEqualTo(JSON.writeValueAsString(value));
    assertThat(Converters.json().convert(compact)).isEqualTo(compact);
    assertThat(compact).doesNotContain("\n").hasSizeLessThanOrEqualTo(spaced.length());
  }

  @Provide
  Arbitrary<JsonNode> json() {
    return Arbitraries.lazyOf(
        () -> Arbitraries.strings().all().ofMaxLength(8).map(NODES::textNode),
        () -> Arbitraries.longs().map(NODES::numberNode),
        () -> Arbitraries.bigDecimals().ofScale(4).map(NODES::numberNode),
        () -> Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()),
        () -> json().list().ofMaxSize(4).map(JsonTextProperties::array),
        () -> Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), json()).ofMaxSize(4)
            .map(m -> {
              ObjectNode object = NODES.objectNode();
              m.forEach(object::set);
              return object;
            }));
  }

  private static JsonNode array(List<JsonNode> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }
}
