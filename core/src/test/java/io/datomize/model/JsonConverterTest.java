package io.datomize.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datomize.target.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonConverterTest {
  @Test
  void compacts_json_and_keeps_the_text_of_numbers() {
    assertThat(
            Converters.json()
                .convert(" { \"a\" : [1, -2.5e3, 1.50, -0, 2E+2, true, null] ,\"b\":\"x  y\" }\n"))
        .isEqualTo("{\"a\":[1,-2.5e3,1.50,-0,2E+2,true,null],\"b\":\"x  y\"}");
    assertThat(Converters.json().convert("[]")).isEqualTo("[]");
    assertThat(Converters.json().convert("\t\"just a string\"\r\n")).isEqualTo("\"just a string\"");
    assertThat(Converters.json().target()).isEqualTo(ValueType.STRING);
  }

  @Test
  void numbers_beyond_a_double_keep_every_digit() {
    String digits = "1" + "0".repeat(1500) + ".000000000000000000000000001";
    assertThat(Converters.json().convert("[" + digits + ", 123456789012345678901234567890]"))
        .isEqualTo("[" + digits + ",123456789012345678901234567890]");
  }

  @Test
  void strings_keep_their_value_with_the_generators_escapes() {
    // the value of each string is kept; how it was escaped is not: \/ and \u00e9 are written as the
    // characters
    assertThat(
            Converters.json()
                .convert("{\"k\\u00e9\": \"a\\/b \\u00e9 \\t\\\"q\\\" \\\\ \\u0001\"}"))
        .isEqualTo("{\"k\u00e9\":\"a/b \u00e9 \\t\\\"q\\\" \\\\ \\u0001\"}");
  }

  @Test
  void duplicate_keys_are_kept_in_order_as_postgresql_json_keeps_them() {
    assertThat(Converters.json().convert("{\"a\": 1, \"b\": 2, \"a\": 3}"))
        .isEqualTo("{\"a\":1,\"b\":2,\"a\":3}");
  }

  @Test
  void deep_nesting_is_json_too() {
    String deep = "[".repeat(5000) + "{\"a\" : 1}" + "]".repeat(5000);
    assertThat(Converters.json().convert(deep)).isEqualTo(deep.replace(" ", ""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "{",
        "{\"a\" 1}",
        "[1,]",
        "{'a':1}",
        "01x",
        "\"open",
        "tru",
        "[1] 2",
        "{\"a\":1,}",
        "-",
        "1.",
        "1e",
        "\"bad \\x escape\"",
        "NaN",
        "[1] // comment",
        "\"tab\tinside\"",
        "[1]]"
      })
  void refuses_text_that_is_not_json(String text) {
    assertThatThrownBy(() -> Converters.json().convert(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not JSON: ")
        .hasMessageContaining("at character");
  }

  @Test
  void the_message_says_what_is_wrong_and_where() {
    assertThatThrownBy(() -> Converters.json().convert("[1] 2"))
        .hasMessage("not JSON: text after the JSON value at character 5");
    assertThatThrownBy(() -> Converters.json().convert("{\"a\" 1}"))
        .hasMessageStartingWith("not JSON: Unexpected character ('1'")
        .hasMessageEndingWith("at character 6");
    assertThatThrownBy(() -> Converters.json().convert(" "))
        .hasMessage("not JSON: a value expected at character 2");
  }
}
