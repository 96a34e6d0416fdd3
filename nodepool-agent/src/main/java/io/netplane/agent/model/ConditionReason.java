package io.netplane.agent.model;

/** Stable reasons of the pool's conditions (the {@code reason} field). */
public enum ConditionReason {
  READY("Ready"),
  CHANGES_PENDING("ChangesPending"),
  INVALID_CONFIGURATION("InvalidConfiguration"),
  CLOUD_ERROR("CloudError"),
  APPLY_FAILED("ApplyFailed"),
  /** An unexpected exception (a bug or an answer the agent cannot read): the message names it. */
  RECONCILE_ERROR("ReconcileError"),
  SUFFICIENT("Sufficient"),
  BELOW_TWICE_EXPECTED_PODS("BelowTwiceExpectedPods"),
  CAPACITY_UNKNOWN("CapacityUnknown"),
  VSWITCH_NOT_FOUND("VSwitchNotFound"),
  ALL_NODES_CONFIGURED("AllNodesConfigured"),
  NO_NODES("NoNodes"),
  NODES_PENDING("NodesPending"),
  NODES_NEED_RECYCLE("NodesNeedRecycle"),
  SYNCED("Synced"),
  NOT_MANAGED("NotManaged"),
  NODE_POOL_NOT_FOUND("NodePoolNotFound"),
  NODE_POOL_CHANGES_PENDING("NodePoolChangesPending");

  private final String value;

  ConditionReason(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
