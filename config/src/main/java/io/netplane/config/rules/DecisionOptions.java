package io.netplane.config.rules;

/**
 * How the decider weighs and what it does without data.
 *
 * @param scoring how ENI-slot headroom turns into preference
 * @param unknownCapacity what a node whose free IPs or slots are unknown gets
 */
public record DecisionOptions(ScoringStrategy scoring, UnknownCapacity unknownCapacity) {

  public static final DecisionOptions DEFAULT =
      new DecisionOptions(ScoringStrategy.SPREAD, UnknownCapacity.ALLOW);

  /** Unknown is never zero; the choice is whether to pass the node or hold the pod back. */
  public enum UnknownCapacity {
    /** Fail open: the node passes with a {@code CapacityUnknown} note. */
    ALLOW,
    /** Fail closed: the node is UNSCHEDULABLE with {@code CapacityUnverified}. */
    REJECT
  }
}
