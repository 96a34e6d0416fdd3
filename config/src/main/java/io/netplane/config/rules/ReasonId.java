package io.netplane.config.rules;

/**
 * Stable reason ids. Each rejects with a fixed code, or is a note that leaves the node fit. The
 * {@link #id()} strings are part of the API: metrics, logs and documentation use them.
 */
public enum ReasonId {
  NETWORK_INVALID("NetworkInvalid", Code.UNRESOLVABLE),
  ZONE_MISMATCH("ZoneMismatch", Code.UNRESOLVABLE),
  NODE_ZONE_UNKNOWN("NodeZoneUnknown", Code.UNRESOLVABLE),
  FIXED_IP_ZONE("FixedIpZone", Code.UNRESOLVABLE),
  VIRTUAL_NODE_FIXED_IP("VirtualNodeFixedIp", Code.UNRESOLVABLE),
  OVERRIDE_CONFIG_MISSING("OverrideConfigMissing", Code.UNSCHEDULABLE),
  BASE_CONFIG_MISSING("BaseConfigMissing", Code.UNSCHEDULABLE),
  ENI_CONFIG_INVALID("EniConfigInvalid", Code.UNSCHEDULABLE),
  VSWITCHES_EXHAUSTED("VSwitchesExhausted", Code.UNSCHEDULABLE),
  ENI_MODE_MISMATCH("EniModeMismatch", Code.UNRESOLVABLE),
  TRUNK_NOT_ATTACHED("TrunkNotAttached", Code.UNSCHEDULABLE),
  ENI_SLOTS_EXHAUSTED("EniSlotsExhausted", Code.UNSCHEDULABLE),
  NODE_IP_CAPACITY_EXHAUSTED("NodeIpCapacityExhausted", Code.UNSCHEDULABLE),
  NODE_INSUFFICIENT_IP("NodeInsufficientIp", Code.UNSCHEDULABLE),
  NODE_UNKNOWN("NodeUnknown", Code.UNSCHEDULABLE),
  CAPACITY_UNVERIFIED("CapacityUnverified", Code.UNSCHEDULABLE),

  CAPACITY_UNKNOWN("CapacityUnknown", Code.FIT),
  ZONE_UNKNOWN("ZoneUnknown", Code.FIT),
  DAEMONSET_ZONE_RISK("DaemonSetZoneRisk", Code.FIT);

  /** How many ids there are, for arrays indexed by ordinal ({@code values()} copies each call). */
  static final int COUNT = values().length;

  private final String id;
  private final Code code;

  ReasonId(String id, Code code) {
    this.id = id;
    this.code = code;
  }

  public String id() {
    return id;
  }

  /** The verdict this reason forces; {@link Code#FIT} for notes. */
  public Code code() {
    return code;
  }

  public boolean rejects() {
    return code != Code.FIT;
  }
}
