package io.netplane.config.lint;

/** Stable ids of the lint checks, as {@code lint} prints them. */
public enum LintId {
  AUTO_EIP_ON_DEPLOYMENT("AutoEipOnDeployment"),
  CONFLICTING_POD_NETWORKINGS("ConflictingPodNetworkings"),
  ENI_CONFIG_INVALID("EniConfigInvalid"),
  FIXED_ON_NON_FIXED_NAME("FixedOnNonFixedName"),
  INVALID_SELECTOR("InvalidSelector"),
  NODE_CONFIG_MISSING("NodeConfigMissing"),
  POD_NETWORKING_NOT_READY("PodNetworkingNotReady"),
  SHORT_FIXED_IP_TTL("ShortFixedIpTtl"),
  STATIC_EIP_ON_NON_STATEFUL_SET("StaticEipOnNonStatefulSet"),
  TOO_MANY_SECURITY_GROUPS("TooManySecurityGroups"),
  VSWITCH_HEADROOM("VSwitchHeadroom"),
  VSWITCH_NOT_IN_INVENTORY("VSwitchNotInInventory"),
  ZONE_WITHOUT_NODES("ZoneWithoutNodes");

  private final String id;

  LintId(String id) {
    this.id = id;
  }

  /** The id as printed and documented (e.g. {@code VSwitchHeadroom}). */
  public String id() {
    return id;
  }
}
