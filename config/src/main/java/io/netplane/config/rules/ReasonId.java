package io.netplane.config.rules;

import java.util.List;

/**
 * Stable reason ids. Each rejects with a fixed code, or is a note that leaves the node fit. The
 * {@link #id()} strings are part of the API: metrics, logs and documentation use them.
 */
public enum ReasonId {
  NETWORK_INVALID("NetworkInvalid", Code.UNRESOLVABLE, "podNetworking", "network"),
  ZONE_MISMATCH("ZoneMismatch", Code.UNRESOLVABLE, "zone"),
  NODE_ZONE_UNKNOWN("NodeZoneUnknown", Code.UNRESOLVABLE),
  FIXED_IP_ZONE("FixedIpZone", Code.UNRESOLVABLE, "zone", "pinnedZone"),
  VIRTUAL_NODE_FIXED_IP("VirtualNodeFixedIp", Code.UNRESOLVABLE),
  OVERRIDE_CONFIG_MISSING("OverrideConfigMissing", Code.UNSCHEDULABLE, "configMap"),
  BASE_CONFIG_MISSING("BaseConfigMissing", Code.UNSCHEDULABLE),
  ENI_CONFIG_INVALID("EniConfigInvalid", Code.UNSCHEDULABLE, "configMap"),
  VSWITCHES_EXHAUSTED("VSwitchesExhausted", Code.UNSCHEDULABLE, "zone", "network"),
  ENI_MODE_MISMATCH(
      "EniModeMismatch", Code.UNRESOLVABLE, "needs", "instanceType", "trunkingEnabled"),
  TRUNK_NOT_ATTACHED("TrunkNotAttached", Code.UNSCHEDULABLE),
  ENI_SLOTS_EXHAUSTED("EniSlotsExhausted", Code.UNSCHEDULABLE, "resource"),
  NODE_IP_CAPACITY_EXHAUSTED("NodeIpCapacityExhausted", Code.UNSCHEDULABLE),
  NODE_INSUFFICIENT_IP("NodeInsufficientIp", Code.UNSCHEDULABLE),
  NODE_UNKNOWN("NodeUnknown", Code.UNSCHEDULABLE),
  CAPACITY_UNVERIFIED("CapacityUnverified", Code.UNSCHEDULABLE, "zone", "network", "resource"),

  CAPACITY_UNKNOWN("CapacityUnknown", Code.FIT, "zone", "network", "resource"),
  ZONE_UNKNOWN("ZoneUnknown", Code.FIT),
  DAEMONSET_ZONE_RISK("DaemonSetZoneRisk", Code.FIT, "zone");

  /** How many ids there are, for arrays indexed by ordinal ({@code values()} copies each call). */
  static final int COUNT = values().length;

  private final String id;
  private final Code code;
  private final List<String> facts;

  ReasonId(String id, Code code, String... facts) {
    this.id = id;
    this.code = code;
    this.facts = List.of(facts);
  }

  public String id() {
    return id;
  }

  /** The verdict this reason forces; {@link Code#FIT} for notes. */
  public Code code() {
    return code;
  }

  /**
   * The detail keys whose values {@link Reason#brief()} shows: those that tell groups of nodes
   * apart (zone, network, ConfigMap), never a node's name or its own counts.
   */
  public List<String> facts() {
    return facts;
  }

  public boolean rejects() {
    return code != Code.FIT;
  }
}
