package io.netplane.config.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {
  private final ExponentialBackoff backoff =
      new ExponentialBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));

  @Test
  void theCeilingDoublesPerRetryUpToTheMax() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(1600));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(10_000)).as("no overflow").isEqualTo(Duration.ofSeconds(2));
    assertThat(new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMillis(500)).ceiling(1))
        .as("a max below the first wait caps it")
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void eachDelayIsBetweenHalfAndAllOfItsCeilingAndTheyDiffer() {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Duration d = backoff.delay(3);
      assertThat(d).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
      seen.add(d);
    }
    assertThat(seen).as("jittered").hasSizeGreaterThan(50);
  }

  @Test
  void aBackoffThatCannotWaitIsRefused() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
