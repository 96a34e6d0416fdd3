package io.netplane.config.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to create: the agent's view of CreateClusterNodePool. Everything not listed here keeps ACK's
 * defaults.
 *
 * @param name pool name, unique in the cluster
 * @param vSwitchIds node vSwitches (at least one)
 * @param instanceTypes ECS instance types (at least one)
 * @param desiredSize number of nodes
 * @param securityGroupIds security groups for the nodes; empty for the cluster's default
 * @param labels labels new nodes register with
 * @param taints taints new nodes register with
 */
public record NodePoolSpec(
    String name,
    List<String> vSwitchIds,
    List<String> instanceTypes,
    long desiredSize,
    List<String> securityGroupIds,
    Map<String, String> labels,
    List<NodeTaint> taints) {

  public NodePoolSpec {
    vSwitchIds = List.copyOf(vSwitchIds);
    instanceTypes = List.copyOf(instanceTypes);
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    labels = labels == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    taints = taints == null ? List.of() : List.copyOf(taints);
  }
}
