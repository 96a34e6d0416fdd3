package io.netplane.config.rules;

/**
 * One scoring signal. {@link #raw} is normalised by {@link ScoreNormaliser} across the request's
 * fit nodes; NaN means unknown and scores mid-range. Each scorer says itself which way its signal
 * points under the configured {@link ScoringStrategy}.
 */
public interface Scorer {
  double raw(PodContext pod, NodeShape node);

  /**
   * Whether {@link #raw} reads only what a node's {@link NodeShape#shared() shared shape} keeps, so
   * that it is worked out once per shape of a request rather than once per node.
   */
  default boolean readsSharedShapeOnly() {
    return false;
  }

  /** Which raw values rank higher under {@code strategy}: by default, more is better. */
  default Direction direction(ScoringStrategy strategy) {
    return Direction.MORE_IS_BETTER;
  }

  enum Direction {
    MORE_IS_BETTER,
    LESS_IS_BETTER
  }
}
