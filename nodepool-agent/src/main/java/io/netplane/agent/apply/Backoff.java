package io.netplane.agent.apply;

import io.netplane.config.concurrent.ExponentialBackoff;
import java.time.Duration;

/**
 * Exponential backoff ({@link ExponentialBackoff}: {@code initial} doubled per attempt, capped at
 * {@code max}, jittered); at most {@code attempts} tries in all. The sleeper is injected so tests
 * do not wait.
 */
public record Backoff(Duration initial, Duration max, int attempts, Sleeper sleeper) {

  /** Waits; a seam for tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public static final Sleeper REAL =
      d -> java.util.concurrent.TimeUnit.MILLISECONDS.sleep(d.toMillis());

  /** 200 ms doubling to 10 s, 6 attempts (about 25 s in all). */
  public static Backoff standard() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 6, REAL);
  }

  /**
   * The wait before retry number {@code retry} (1-based), jittered (see {@link
   * ExponentialBackoff}).
   */
  public Duration delay(int retry) {
    return new ExponentialBackoff(initial, max).delay(retry);
  }

  void pause(int retry) {
    try {
      sleeper.sleep(delay(retry));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
