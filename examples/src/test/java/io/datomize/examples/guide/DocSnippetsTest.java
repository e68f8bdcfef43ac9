package io.datomize.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each Java snippet of the docs is preceded by {@code <!-- snippet: path#tag -->} and equals, up to
 * indentation, the lines between {@code // tag::tag[]} and {@code // end::tag[]} in that compiled
 * source file (without the markers of regions nested in it).
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");

  private static final Pattern TAG = Pattern.compile("// (tag|end)::[\\w-]+\\[]");

  private record Snippet(int line, String file, String tag, String code) {}

  @ParameterizedTest
  @ValueSource(strings = {"docs/guide.md", "docs/sync.md", "README.md"})
  void every_java_snippet_is_the_tagged_region_of_its_source_file(String document)
      throws IOException {
    List<Snippet> snippets = snippets(ROOT.resolve(document));

    assertThat(snippets).as("java snippets in " + document).isNotEmpty();
    for (Snippet snippet : snippets) {
      String where =
          document + " line " + snippet.line() + " (" + snippet.file() + "#" + snippet.tag() + ")";
      assertThat(snippet.file()).as(where).isNotEmpty();
      Path source = ROOT.resolve(snippet.file());
      assertThat(source).as(where).isRegularFile();
      assertThat(snippet.code()).as(where).isEqualTo(region(source, snippet.tag()));
    }
  }

  private static List<Snippet> snippets(Path document) throws IOException {
    List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : MARKER.matcher("");
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      String code = String.join("\n", lines.subList(start, end));
      snippets.add(
          marker.matches()
              ? new Snippet(i + 1, marker.group(1), marker.group(2), code)
              : new Snippet(i + 1, "", "", code));
      i = end;
    }
    return snippets;
  }

  private static String region(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int start = indexOf(lines, "// tag::" + tag + "[]", source);
    int end = indexOf(lines, "// end::" + tag + "[]", source);
    // regions may nest: the markers of inner ones are not part of the outer snippet
    List<String> region =
        lines.subList(start + 1, end).stream()
            .filter(l -> !TAG.matcher(l.strip()).matches())
            .toList();
    int indent =
        region.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  private static int indexOf(List<String> lines, String marker, Path source) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("no " + marker + " in " + source);
  }
}
