package io.netplane.config.rules;

/**
 * One scoring signal. {@link #raw} is normalised by the decider across the request's fit nodes; NaN
 * means unknown and scores mid-range.
 */
public interface Scorer {
  double raw(PodContext pod, NodeFacts node);
}
