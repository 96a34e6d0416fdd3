package io.netplane.agent.model;

/** The conditions a FixedCidrPool reports. */
public enum ConditionType {
  READY("Ready"),
  CAPACITY_SUFFICIENT("CapacitySufficient"),
  NODES_CONFIGURED("NodesConfigured"),
  NODE_POOL_SYNCED("NodePoolSynced");

  private final String value;

  ConditionType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
