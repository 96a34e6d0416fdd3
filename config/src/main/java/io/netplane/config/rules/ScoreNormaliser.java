package io.netplane.config.rules;

import java.util.List;

/**
 * Turns the scorers' raw signals into kube-scheduler's 0..10: each signal is divided by its maximum
 * over the fit nodes of the request, turned around where its scorer prefers less, and the signals
 * are averaged.
 */
final class ScoreNormaliser {
  private final Scorer[] scorers;
  private final boolean[] lessIsBetter;

  ScoreNormaliser(List<Scorer> scorers, ScoringStrategy strategy) {
    this.scorers = scorers.toArray(new Scorer[0]);
    this.lessIsBetter = new boolean[this.scorers.length];
    for (int s = 0; s < this.scorers.length; s++) {
      lessIsBetter[s] = this.scorers[s].direction(strategy) == Scorer.Direction.LESS_IS_BETTER;
    }
  }

  /**
   * Scores 0..10 per node. Nodes that do not fit score 0; fit nodes a signal knows nothing of score
   * mid-range for it.
   */
  int[] scores(PodContext ctx, FitNodes nodes) {
    NodeShape[] fit = nodes.shapes();
    int n = fit.length;
    int[] out = new int[n];
    double[] sum = new double[n];
    double[] raw = new double[n];
    for (int s = 0; s < scorers.length; s++) {
      Scorer scorer = scorers[s];
      double max = 0;
      if (scorer.readsSharedShapeOnly()) {
        byShape(ctx, scorer, nodes, raw);
      } else {
        for (int i = 0; i < n; i++) {
          raw[i] = fit[i] != null ? scorer.raw(ctx, fit[i]) : Double.NaN;
        }
      }
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(raw[i])) {
          max = Math.max(max, raw[i]);
        }
      }
      boolean invert = lessIsBetter[s];
      for (int i = 0; i < n; i++) {
        double normalised = Double.isNaN(raw[i]) ? 0.5 : max <= 0 ? 0 : raw[i] / max;
        sum[i] += invert && !Double.isNaN(raw[i]) ? 1 - normalised : normalised;
      }
    }
    for (int i = 0; i < n; i++) {
      if (fit[i] != null) {
        long score = Math.round(10 * sum[i] / scorers.length);
        out[i] = (int) Math.max(0, Math.min(10, score));
      }
    }
    return out;
  }

  /** The scorer's signal for each fit node, worked out once per shared shape. */
  private static void byShape(PodContext ctx, Scorer scorer, FitNodes nodes, double[] raw) {
    NodeShape[] fit = nodes.shapes();
    double[] memo = new double[nodes.shapeCount()];
    boolean[] known = new boolean[memo.length];
    for (int i = 0; i < fit.length; i++) {
      if (fit[i] == null) {
        raw[i] = Double.NaN;
        continue;
      }
      int shape = nodes.shapeIds()[i];
      if (!known[shape]) {
        memo[shape] = scorer.raw(ctx, fit[i]);
        known[shape] = true;
      }
      raw[i] = memo[shape];
    }
  }
}
