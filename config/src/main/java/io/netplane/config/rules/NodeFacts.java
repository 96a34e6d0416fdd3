package io.netplane.config.rules;

import io.netplane.config.model.EniConfig;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodeView;

/**
 * Per-node facts derived once per snapshot so that a request only does lookups.
 *
 * @param config effective eni-config; null when the node's override ConfigMap is missing
 * @param instanceType null when the inventory does not know it
 * @param trunkCapable null when unknown (no instance type and no trunk ENI)
 * @param sharedCapacity shared-ENI IPs the node offers; null when unknown
 * @param sharedUsed pods on the node drawing from its shared ENIs
 * @param memberFree free {@code aliyun/member-eni}; null when not advertised
 * @param exclusiveFree free {@code aliyun/eni}; null when not advertised
 * @param zone the node's zone
 * @param trunkAttached the trunk ENI is annotated ({@code k8s.aliyun.com/trunk-on})
 * @param defaultCapacity free IPs of the node's default network (its effective eni-config) in its
 *     zone; null only in the provisional facts a decider uses while it takes reservations
 *     <p>The zone and the flags ({@code virtual}, {@code eniOnly}, {@code trunkAttached}, {@code
 *     insufficientIp}) are copied from the node's view: a request walking thousands of nodes reads
 *     them here without touching each view.
 */
public record NodeFacts(
    NodeView node,
    EniConfig config,
    InstanceType instanceType,
    Boolean trunkCapable,
    Integer sharedCapacity,
    int sharedUsed,
    Long memberFree,
    Long exclusiveFree,
    String zone,
    boolean virtual,
    boolean eniOnly,
    boolean trunkAttached,
    boolean insufficientIp,
    ZoneCapacity defaultCapacity) {

  public String name() {
    return node.name();
  }

  public boolean overrideMissing() {
    return config == null;
  }
}
