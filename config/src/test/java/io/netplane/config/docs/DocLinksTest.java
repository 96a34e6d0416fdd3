package io.netplane.config.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (README, docs/, deploy/) names a file that
 * exists.
 */
class DocLinksTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** [text](target) and [text](target "title"); images too. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<Path> files = markdown();
    assertThat(files).as("Markdown files found").hasSizeGreaterThan(5);
    List<String> broken = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file);
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("#") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // an anchor in the same file, or a URL
        }
        String path = target.replaceFirst("#.*$", "");
        if (!Files.exists(file.getParent().resolve(path).normalize())) {
          broken.add(REPO.relativize(file) + ": " + target);
        }
      }
    }
    assertThat(broken).as("links to files that do not exist").isEmpty();
  }

  private static List<Path> markdown() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(REPO.resolve("README.md"));
    for (String dir : List.of("docs", "deploy")) {
      try (Stream<Path> walk = Files.walk(REPO.resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".md"))
            .filter(p -> !p.toString().contains("/target/"))
            .forEach(out::add);
      }
    }
    return out;
  }
}
