package io.datomize.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Checks that text is one JSON value and writes it without insignificant white space, through
 * Jackson's streaming parser and generator. Numbers keep the text they were written with
 * (exponents, trailing zeros, digits beyond a double's); strings keep their value, written with
 * Jackson's escapes; an object's keys stay in order, duplicates included, as PostgreSQL's {@code
 * json} type keeps them.
 */
final class JsonText {
  /**
   * PostgreSQL limits none of these below its 1 GB value size, so neither does the check: Jackson's
   * defaults (a 20 million character string, a 1000 digit number, 1000 levels) would reject values
   * that are JSON.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxNestingDepth(Integer.MAX_VALUE)
                  .build())
          .streamWriteConstraints(
              StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
          .build();

  private JsonText() {}

  /**
   * The compact form of {@code text}. @throws IllegalArgumentException naming the problem and where
   * it is
   */
  static String normalize(String text) {
    StringWriter out = new StringWriter(text.length());
    try (JsonParser parser = FACTORY.createParser(text);
        JsonGenerator json = FACTORY.createGenerator(out)) {
      if (parser.nextToken() == null) {
        throw notJson("a value expected", text.length());
      }
      while (true) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          json.writeNumber(parser.getText());
        } else {
          json.copyCurrentEvent(parser);
        }
        if (parser.getParsingContext().inRoot()) {
          break;
        }
        parser.nextToken();
      }
      if (parser.nextToken() != null) {
        throw notJson("text after the JSON value", parser.currentTokenLocation().getCharOffset());
      }
    } catch (JsonProcessingException e) {
      throw notJson(
          e.getOriginalMessage(), e.getLocation() == null ? -1 : e.getLocation().getCharOffset());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write JSON in memory", e);
    }
    return out.toString();
  }

  private static IllegalArgumentException notJson(String what, long offset) {
    return new IllegalArgumentException("not JSON: " + what + " at character " + (offset + 1));
  }
}
