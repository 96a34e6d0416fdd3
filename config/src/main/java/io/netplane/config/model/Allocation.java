package io.netplane.config.model;

import java.time.Duration;

/**
 * {@code allocationType} of a network or a PodENI allocation.
 *
 * @param releaseAfter set only for {@link ReleaseStrategy#TTL}; null when absent or unparsable
 */
public record Allocation(
    AllocationType type, ReleaseStrategy releaseStrategy, Duration releaseAfter) {

  public static final Allocation ELASTIC =
      new Allocation(AllocationType.ELASTIC, ReleaseStrategy.UNSET, null);

  public boolean fixed() {
    return type == AllocationType.FIXED;
  }

  /** Elastic or Fixed. */
  public enum AllocationType {
    ELASTIC,
    FIXED
  }

  /** How long a fixed IP outlives its pod. */
  public enum ReleaseStrategy {
    UNSET,
    TTL,
    NEVER
  }
}
