package io.netplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code model} and {@code rules} are pure: they import only the JDK's collections, functions and
 * time types and each other (an allow-list, so a new logging, JSON or client import fails here),
 * and read no clock or environment (a {@code Clock} or the snapshot's instant is injected). Scans
 * the sources, so it also catches code paths no test executes.
 */
class CorePurityTest {
  static final String PACKAGE_DIR = "src/main/java/io/netplane/config";
  static final List<String> PURE_PACKAGES = List.of("model", "rules");

  /** Forbidden in pure code, with why. Applied to code with comments and literals blanked out. */
  static final List<Rule> RULES =
      List.of(
          new Rule("Vert.x", "\\bio\\.vertx\\."),
          new Rule(
              "fabric8 client (model classes are fine)",
              "\\bio\\.fabric8\\.kubernetes\\.client\\b"),
          new Rule("Caffeine", "\\bcom\\.github\\.benmanes\\.caffeine\\b"),
          new Rule("Alibaba Cloud SDK", "\\bcom\\.aliyun\\b"),
          new Rule("environment read", "\\bSystem\\s*\\.\\s*(getenv|getProperty|getProperties)\\b"),
          new Rule("clock read", "\\bSystem\\s*\\.\\s*(currentTimeMillis|nanoTime)\\b"),
          new Rule(
              "clock read",
              "\\b(Instant|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime|Year|YearMonth)\\s*\\.\\s*now\\s*\\("),
          new Rule("system clock", "\\bClock\\s*\\.\\s*system\\w*"),
          new Rule("clock read", "\\bnew\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)"),
          new Rule(
              "static import of a clock or environment read",
              "\\bimport\\s+static\\s+java\\.(lang\\.System\\.(getenv|getProperty|getProperties|currentTimeMillis|nanoTime|\\*)"
                  + "|time\\.\\w+\\.(now|system\\w*|\\*))"));

  /** What pure code may import; anything else is a violation. */
  static final List<String> ALLOWED_IMPORTS =
      List.of(
          "java.util.",
          "java.time.",
          "java.math.",
          "io.netplane.config.model.",
          "io.netplane.config.rules.");

  static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.*]+)\\s*;");

  record Rule(String why, Pattern pattern) {
    Rule(String why, String regex) {
      this(why, Pattern.compile(regex));
    }
  }

  record Violation(String file, int line, String why, String code) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + why + ": " + code.strip();
    }
  }

  /** Finds forbidden uses in one Java source; comments, strings and text blocks do not count. */
  static List<Violation> scan(String file, String source) {
    String code = blankCommentsAndLiterals(source);
    String[] codeLines = code.split("\n", -1);
    String[] sourceLines = source.split("\n", -1);
    List<Violation> out = new ArrayList<>();
    for (int i = 0; i < codeLines.length; i++) {
      Matcher imported = IMPORT.matcher(codeLines[i]);
      if (imported.find() && ALLOWED_IMPORTS.stream().noneMatch(imported.group(1)::startsWith)) {
        out.add(new Violation(file, i + 1, "import outside " + ALLOWED_IMPORTS, sourceLines[i]));
        continue;
      }
      for (Rule r : RULES) {
        Matcher m = r.pattern.matcher(codeLines[i]);
        if (m.find()) {
          out.add(new Violation(file, i + 1, r.why, sourceLines[i]));
        }
      }
    }
    return out;
  }

  /** Replaces comments and string, char and text-block literals by spaces, keeping line breaks. */
  static String blankCommentsAndLiterals(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        blank(s, i, end, out);
        i = end;
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? s.length() : end + 3;
        blank(s, i, end, out);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        int end = Math.min(s.length(), j + 1);
        blank(s, i, end, out);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blank(String s, int from, int to, StringBuilder out) {
    for (int k = from; k < to; k++) {
      out.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
  }

  /**
   * The module's main source directory: Maven runs tests with the module as working directory; an
   * IDE may use the repository root; as a last resort, walk up from the compiled test classes.
   */
  static Path sourceRoot() {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(PACKAGE_DIR));
    candidates.add(Path.of("config").resolve(PACKAGE_DIR));
    try {
      Path classes =
          Path.of(CorePurityTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = classes; p != null; p = p.getParent()) {
        candidates.add(p.resolve(PACKAGE_DIR));
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // the relative candidates remain
    }
    for (Path c : candidates) {
      if (Files.isDirectory(c.resolve("model")) && Files.isDirectory(c.resolve("rules"))) {
        return c.toAbsolutePath().normalize();
      }
    }
    return fail(
        "cannot find the config module's sources (%s/{model,rules}); looked in %s; working directory %s",
        PACKAGE_DIR, candidates, Path.of("").toAbsolutePath());
  }

  static List<Path> pureSources() throws IOException {
    Path root = sourceRoot();
    List<Path> files = new ArrayList<>();
    for (String pkg : PURE_PACKAGES) {
      Path dir = root.resolve(pkg);
      assertThat(dir).as("pure package directory").isDirectory();
      try (Stream<Path> walk = Files.walk(dir)) {
        List<Path> java = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        assertThat(java).as("Java sources in %s", dir).isNotEmpty();
        files.addAll(java);
      }
    }
    return files;
  }

  @Test
  void modelAndRulesUseNoFrameworkClockOrEnvironment() throws IOException {
    List<Path> files = pureSources();
    Path root = sourceRoot();
    List<Violation> violations = new ArrayList<>();
    for (Path f : files) {
      violations.addAll(
          scan(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
    }

    assertThat(files.stream().map(f -> f.getFileName().toString()))
        .as("the scan must cover the decision core")
        .contains("ClusterSnapshot.java", "PodView.java", "Decider.java", "NetworkResolver.java");
    assertThat(violations).as("forbidden in model/rules").isEmpty();
  }

  @Nested
  class ScannerSelfTest {
    static Stream<String> forbidden() {
      return Stream.of(
          "import io.vertx.core.Vertx;",
          "import org.slf4j.Logger;",
          "import com.fasterxml.jackson.databind.JsonNode;",
          "import io.fabric8.kubernetes.api.model.Pod;",
          "import java.net.http.HttpClient;",
          "import io.netplane.config.kube.KubeObjects;",
          "import io.vertx.core.json.JsonObject;",
          "import io.fabric8.kubernetes.client.KubernetesClient;",
          "import io.fabric8.kubernetes.client.informers.SharedIndexInformer;",
          "import com.github.benmanes.caffeine.cache.Caffeine;",
          "import com.aliyun.vpc20160428.Client;",
          "import com.aliyun.teaopenapi.models.Config;",
          "  private final io.vertx.core.Vertx vertx;",
          "    String region = System.getenv(\"REGION\");",
          "    String home = System.getProperty(\"user.home\");",
          "    long t = System.currentTimeMillis();",
          "    long t = System.nanoTime();",
          "    Instant now = Instant.now();",
          "    var d = LocalDateTime.now();",
          "    var z = java.time.ZonedDateTime.now();",
          "    Clock c = Clock.systemUTC();",
          "    Clock c = Clock.systemDefaultZone();",
          "    Date d = new Date();",
          "    Date d = new java.util.Date();",
          "import static java.lang.System.getenv;",
          "import static java.lang.System.*;",
          "import static java.time.Instant.now;");
    }

    @ParameterizedTest(name = "flags: {0}")
    @MethodSource("forbidden")
    void flagsAForbiddenLine(String line) {
      String source = "package x;\n\nclass Sample {\n" + line + "\n}\n";

      List<Violation> v = scan("Sample.java", source);

      assertThat(v).isNotEmpty();
      assertThat(v.get(0).line()).isEqualTo(4);
      assertThat(v.get(0).file()).isEqualTo("Sample.java");
    }

    @ParameterizedTest(name = "allows: {0}")
    @ValueSource(
        strings = {
          "import java.util.List;",
          "import static java.util.Objects.requireNonNull;",
          "import io.netplane.config.model.PodView;",
          "import java.time.Clock;",
          "import java.time.Instant;",
          "    Instant t = Instant.parse(\"2025-01-01T00:00:00Z\");",
          "    Instant t = snapshot.takenAt();",
          "    Instant t = clock.instant();",
          "    Date d = new Date(epochMillis);",
          "    // never call System.getenv() or Instant.now() here",
          "    /* io.vertx.core.Vertx would be wrong here */",
          "    String s = \"System.currentTimeMillis() is banned\";",
          "    String nowish = nowFromSnapshot();",
          "    long m = SystemClockless.nanoTimeOf(x);"
        })
    void allowsPureCodeAndMentionsInCommentsOrStrings(String line) {
      assertThat(scan("Sample.java", "package x;\nclass Sample {\n" + line + "\n}\n")).isEmpty();
    }

    @Test
    void javadocAndTextBlocksDoNotCountButCodeAfterThemDoes() {
      String source =
          """
          package x;
          /**
           * Uses no Instant.now(); see io.vertx docs.
           */
          class Sample {
            String doc = \"""
                System.getenv("X")
                \""";
            long t = System.nanoTime();
          }
          """;

      List<Violation> v = scan("Sample.java", source);

      assertThat(v).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(9));
    }

    @Test
    void sourceRootIsFoundAndHoldsTheDecisionCore() {
      Path root = sourceRoot();

      assertThat(root.resolve("rules/Decider.java")).isRegularFile();
      assertThat(root.resolve("model/ClusterSnapshot.java")).isRegularFile();
    }
  }
}
