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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page of the docs is reachable from the docs' index, and every relative link of the docs
 * leads to a file.
 */
class DocLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  @Test
  void the_docs_index_links_every_page_of_the_docs() throws IOException {
    List<String> linked =
        links(ROOT.resolve("docs/README.md")).stream()
            .map(
                target -> ROOT.resolve("docs").resolve(target).normalize().getFileName().toString())
            .toList();
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
      assertThat(
              pages
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(".md") && !n.equals("README.md")))
          .allSatisfy(page -> assertThat(linked).as("docs/README.md links " + page).contains(page));
    }
    assertThat(links(ROOT.resolve("README.md"))).contains("docs/README.md");
  }

  @Test
  void every_relative_link_of_the_docs_leads_to_a_file() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
      pages.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
    }
    for (Path document : documents) {
      for (String target : links(document)) {
        assertThat(document.getParent().resolve(target).normalize())
            .as(document + " links " + target)
            .exists();
      }
    }
  }

  private static List<String> links(Path document) throws IOException {
    Matcher link = LINK.matcher(Files.readString(document, StandardCharsets.UTF_8));
    List<String> targets = new ArrayList<>();
    while (link.find()) {
      if (!link.group(1).contains("://") && !link.group(1).startsWith("mailto:")) {
        targets.add(link.group(1));
      }
    }
    return targets;
  }
}
