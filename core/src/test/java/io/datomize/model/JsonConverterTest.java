package io.datomize.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.target.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonConverterTest {
  @Test
  void compacts_json_without_touching_strings() {
    assertThat(Converters.json().convert(" { \"a\" : [1, -2.5e3, true, null] ,\"b\":\"x  y\\n\\u00e9\" } "))
        .isEqualTo("{\"a\":[1,-2.5e3,true,null],\"b\":\"x  y\\n\\u00e9\"}");
    assertThat(Converters.json().convert("[]")).isEqualTo("[]");
    assertThat(Converters.json().target()).isEqualTo(ValueType.STRING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\" 1}", "[1,]", "{'a':1}", "01x", "\"open", "tru", "[1] 2", "{\"a\":1,}",
      "-", "1.", "1e", "\"bad \\x escape\""})
  void refuses_text_that_is_not_json(String text) {
    assertThatThrownBy(() -> Converters.json().convert(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not JSON: ")
        .hasMessageContaining("at character");
  }
}
