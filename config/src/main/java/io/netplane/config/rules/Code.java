package io.netplane.config.rules;

/** Verdict codes, with kube-scheduler's meaning. */
public enum Code {
  /** The node can take the pod. */
  FIT,
  /** The node cannot take the pod now; preemption or time may change that. */
  UNSCHEDULABLE,
  /** The node can never take the pod; preemption would not help. */
  UNRESOLVABLE;

  Code worse(Code other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
