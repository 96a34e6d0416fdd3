package io.netplane.agent.run;

import java.util.Locale;

/** How one reconcile ended (the {@code result} tag of the reconcile counter). */
enum Outcome {
  /** Nothing left to apply. */
  CONVERGED,
  /** The spec does not validate: a condition lists every error, nothing was applied. */
  INVALID,
  /** The plan has ERROR findings (a vSwitch or node pool not found...): nothing was applied. */
  BLOCKED,
  /** A cloud or Kubernetes error stopped the apply: retried with backoff. */
  FAILED,
  /** The lease was lost: stopped before the next write, the next leader takes over. */
  ABANDONED;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
