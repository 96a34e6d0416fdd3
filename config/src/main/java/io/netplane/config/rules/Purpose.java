package io.netplane.config.rules;

/** How much a decision works out: only what the caller will read. */
public enum Purpose {
  /** First rejecting reason per node, no scores: kube-scheduler's filter. */
  FILTER(false, true),
  /** First rejecting reason per node, and scores: kube-scheduler's prioritize. */
  PRIORITIZE(false, false),
  /** Every reason, notes included, and scores: explain and simulate. */
  EXPLAIN(true, false);

  final boolean exhaustive;
  final boolean skipScores;

  Purpose(boolean exhaustive, boolean skipScores) {
    this.exhaustive = exhaustive;
    this.skipScores = skipScores;
  }
}
