package io.netplane.extender.webhook;

/**
 * Whether an admitted pod is given the netplane scheduler: the whole decision of the admission
 * webhook, pure. The API server defaults an empty {@code schedulerName} to {@code
 * default-scheduler} before mutating admission, so a pod that names {@code default-scheduler} is
 * treated as one that names none: the two cannot be told apart.
 */
public final class SchedulerAssignment {
  /** What the API server writes into a pod that names no scheduler. */
  public static final String DEFAULT_SCHEDULER = "default-scheduler";

  /** Why a pod was or was not changed; {@link #label} is the metrics' and logs' word for it. */
  public enum Outcome {
    /** A pod left to the default scheduler: patched to the netplane scheduler. */
    ASSIGNED("assigned"),
    /** The pod already names the netplane scheduler. */
    ALREADY_ASSIGNED("already-assigned"),
    /** The pod names a scheduler of its own: left alone. */
    OTHER_SCHEDULER("other-scheduler"),
    /** Not the creation of a pod (another resource, operation or a subresource): allowed as is. */
    NOT_A_POD_CREATION("not-a-pod-creation"),
    /** A pod creation without a {@code spec} object: nothing to patch, allowed as is. */
    NO_POD_SPEC("no-pod-spec");

    public final String label;

    Outcome(String label) {
      this.label = label;
    }

    public boolean patches() {
      return this == ASSIGNED;
    }
  }

  private SchedulerAssignment() {}

  /**
   * @param podCreation the request creates a pod (resource {@code pods} of the core group,
   *     operation {@code CREATE}, no subresource)
   * @param hasSpec the pod has a {@code spec} object
   * @param schedulerName the pod's {@code spec.schedulerName}, null when absent
   * @param target the scheduler the webhook assigns
   */
  public static Outcome decide(
      boolean podCreation, boolean hasSpec, String schedulerName, String target) {
    if (!podCreation) {
      return Outcome.NOT_A_POD_CREATION;
    }
    if (!hasSpec) {
      return Outcome.NO_POD_SPEC;
    }
    if (target.equals(schedulerName)) {
      return Outcome.ALREADY_ASSIGNED;
    }
    if (schedulerName == null
        || schedulerName.isEmpty()
        || schedulerName.equals(DEFAULT_SCHEDULER)) {
      return Outcome.ASSIGNED;
    }
    return Outcome.OTHER_SCHEDULER;
  }
}
