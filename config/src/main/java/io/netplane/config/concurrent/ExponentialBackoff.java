package io.netplane.config.concurrent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits before retry {@code n}: a random time between half and all of {@code initial}·2^(n-1),
 * capped at {@code max}. The random half spreads out callers that failed together (two replicas,
 * many pools after one cloud outage) so they do not retry in lockstep.
 */
public record ExponentialBackoff(Duration initial, Duration max) {
  public ExponentialBackoff {
    if (initial.toMillis() <= 0 || max.toMillis() <= 0) {
      throw new IllegalArgumentException(
          "backoff needs at least 1ms, got " + initial + " and " + max);
    }
  }

  /** The longest wait before retry {@code retry} (1-based). */
  public Duration ceiling(int retry) {
    long ms = initial.toMillis() << Math.min(Math.max(retry, 1) - 1, 30);
    return ms <= 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
  }

  /** The wait before retry {@code retry} (1-based): within [ceiling/2, ceiling]. */
  public Duration delay(int retry) {
    long ceiling = ceiling(retry).toMillis();
    return Duration.ofMillis(ceiling - ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }
}
