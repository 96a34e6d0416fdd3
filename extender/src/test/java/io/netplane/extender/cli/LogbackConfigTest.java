package io.netplane.extender.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both programs' logback.xml quiet fabric8 loggers by class name: a renamed class would make the
 * setting silently useless.
 */
class LogbackConfigTest {
  private static final Pattern LOGGER =
      Pattern.compile("<logger name=\"(io\\.fabric8\\.[\\w.]+)\"");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "src/main/resources/logback.xml",
        "../nodepool-agent/src/main/resources/logback.xml"
      })
  void everyFabric8LoggerNamedIsAClassOnTheClasspath(String file) throws Exception {
    Matcher m = LOGGER.matcher(Files.readString(Path.of(file)));
    List<String> missing = new ArrayList<>();
    int named = 0;
    while (m.find()) {
      named++;
      try {
        Class.forName(m.group(1), false, getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(m.group(1));
      }
    }
    assertThat(named).isPositive();
    assertThat(missing).as("logger names that are no class").isEmpty();
  }
}
