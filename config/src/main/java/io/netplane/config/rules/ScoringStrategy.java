package io.netplane.config.rules;

/** How ENI-slot headroom turns into preference. */
public enum ScoringStrategy {
  /** Prefer nodes with more free slots. */
  SPREAD,
  /** Prefer nodes with fewer free slots (bin packing). */
  PACK
}
