package io.netplane.config.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN 1: model and rules stay pure. The config module now depends on the Alibaba Cloud SDKs, so
 * check that only this package uses them.
 */
class CloudBoundaryTest {
  static final Path SOURCES = Path.of("src/main/java/io/netplane/config");

  static List<String> offenders(String pkg) {
    try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(
              f -> {
                try {
                  String src = Files.readString(f);
                  return src.contains("com.aliyun.") || src.contains("io.netplane.config.cloud");
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .map(Path::toString)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void modelAndRulesDoNotTouchTheCloudSdk() {
    assertThat(Files.isDirectory(SOURCES.resolve("model")))
        .as("run from the config module")
        .isTrue();
    assertThat(offenders("model")).isEmpty();
    assertThat(offenders("rules")).isEmpty();
  }
}
