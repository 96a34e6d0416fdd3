package io.netplane.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN 4: the planner, the model and the validation are pure. No fabric8 client, cloud SDK or
 * cloud adapter calls, no clock or environment reads. Scans the sources, so untested paths count.
 */
class PurityTest {
  static final List<String> PURE = List.of("plan", "model", "validate");
  static final List<Pattern> FORBIDDEN =
      List.of(
          Pattern.compile("import\\s+io\\.fabric8\\.kubernetes\\.client"),
          Pattern.compile("import\\s+com\\.aliyun"),
          Pattern.compile("import\\s+(org\\.slf4j|io\\.vertx|ch\\.qos\\.logback)\\."),
          Pattern.compile(
              "import\\s+io\\.netplane\\.config\\.cloud\\.(CloudInventory|NodePools|AlibabaCloudClients|Sdk\\w+)\\b"),
          Pattern.compile("\\bSystem\\s*\\.\\s*(getenv|getProperty|currentTimeMillis|nanoTime)\\b"),
          Pattern.compile(
              "\\b(Instant|LocalDateTime|ZonedDateTime|OffsetDateTime)\\s*\\.\\s*now\\s*\\("),
          Pattern.compile("\\bClock\\s*\\.\\s*system"),
          Pattern.compile("\\bjava\\.(net|nio\\.file)\\."),
          Pattern.compile("\\bThread\\s*\\.\\s*sleep"));

  static List<String> violations(Path file, String source) {
    List<String> out = new ArrayList<>();
    String[] lines = source.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String code = lines[i].replaceAll("//.*", "").replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
      for (Pattern p : FORBIDDEN) {
        if (p.matcher(code).find()) {
          out.add(file + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    return out;
  }

  @Test
  void pureCodeDoesNoIo() throws IOException {
    List<String> all = new ArrayList<>();
    int files = 0;
    for (String pkg : PURE) {
      Path dir = Path.of("src/main/java/io/netplane/agent", pkg);
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          if (!f.getFileName().toString().equals("PoolDocuments.java")) {
            all.addAll(violations(f, Files.readString(f)));
          }
        }
      }
    }
    assertThat(files).isGreaterThan(20);
    assertThat(all).isEmpty();
  }

  @Test
  void theScanCatchesAClockReadAndAClient() {
    Path f = Path.of("X.java");
    assertThat(
            violations(
                f,
                "import io.fabric8.kubernetes.client.KubernetesClient;\nvar t = Instant.now();\n// Instant.now() in a comment\n"))
        .hasSize(2);
  }
}
