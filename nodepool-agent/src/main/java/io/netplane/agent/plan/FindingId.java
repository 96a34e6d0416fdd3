package io.netplane.agent.plan;

/** Stable ids of the planner's findings. */
public enum FindingId {
  CAPACITY_BELOW_TWICE_EXPECTED("CapacityBelowTwiceExpectedPods", Severity.WARNING),
  CAPACITY_UNKNOWN("CapacityUnknown", Severity.WARNING),
  VSWITCH_NOT_FOUND("VSwitchNotFound", Severity.ERROR),
  // an ENI cannot be created in a vSwitch of another VPC than its instance's: a certain failure
  VSWITCH_OUTSIDE_VPC("VSwitchOutsideClusterVpc", Severity.ERROR),
  ZONE_WITHOUT_NODES("ZoneWithoutPoolNodes", Severity.WARNING),
  NODE_ZONE_WITHOUT_POD_VSWITCH("NodeZoneWithoutPodVSwitch", Severity.WARNING),
  NODE_NEEDS_RECYCLE("NodeNeedsRecycle", Severity.WARNING),
  NODE_POOL_NOT_FOUND("NodePoolNotFound", Severity.ERROR),
  CONFIGMAP_OWNED_BY_OTHER_POOL("ConfigMapOwnedByOtherPool", Severity.ERROR),
  // a ConfigMap netplane did not create is taken over only with spec.adoptConfigMap
  CONFIGMAP_NOT_OWNED("ConfigMapNotOwned", Severity.ERROR),
  CONFIGMAP_NOT_AN_OVERRIDE("ConfigMapNotAnOverride", Severity.ERROR),
  CONFIGMAP_ADOPTED("ConfigMapAdopted", Severity.INFO),
  // a member node's label or taint that another pool or tool set is never overwritten
  NODE_OWNED_BY_OTHER_POOL("NodeOwnedByOtherPool", Severity.ERROR),
  NODE_LABEL_NOT_OWNED("NodeLabelNotOwned", Severity.ERROR),
  NODE_TAINT_NOT_OWNED("NodeTaintNotOwned", Severity.ERROR),
  OVERRIDE_NOT_JSON("OverrideNotJson", Severity.WARNING),
  BASE_ENI_CONFIG_MISSING("BaseEniConfigMissing", Severity.WARNING),
  BASE_SECURITY_GROUP_UNIONED("BaseSecurityGroupUnioned", Severity.WARNING);

  private final String value;
  private final Severity severity;

  FindingId(String value, Severity severity) {
    this.value = value;
    this.severity = severity;
  }

  public String value() {
    return value;
  }

  public Severity severity() {
    return severity;
  }
}
