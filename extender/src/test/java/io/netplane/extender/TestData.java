package io.netplane.extender;

import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.rules.Decider;
import io.netplane.config.rules.ScoringStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The small test cluster under {@code src/test/resources/cluster} and golden wire files. */
public final class TestData {
  public static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private TestData() {}

  public static Path resource(String name) {
    try {
      return Path.of(TestData.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Decider cluster() {
    return new Decider(
        SnapshotLoader.load(resource("cluster"), NOW).snapshot(), ScoringStrategy.SPREAD);
  }

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(resource(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo snapshot shipped in the repository. */
  public static Path demo() {
    Path p = Path.of("..", "deploy", "demo", "cluster");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("demo snapshot not found at " + p.toAbsolutePath());
    }
    return p;
  }
}
