package io.netplane.config.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ACK node pool as netplane sees it (no SDK types leak out of the adapter).
 *
 * @param id nodepool_id
 * @param name pool name
 * @param vSwitchIds vSwitches the nodes are created in (not the pods' vSwitches)
 * @param desiredSize scaling_group.desired_size; null when the pool is not sized that way
 * @param instanceTypes ECS instance types
 * @param securityGroupIds security groups of the nodes
 * @param labels kubernetes_config labels new nodes register with, sorted by key
 * @param taints kubernetes_config taints new nodes register with
 * @param status state and node counts
 */
public record NodePool(
    String id,
    String name,
    List<String> vSwitchIds,
    Long desiredSize,
    List<String> instanceTypes,
    List<String> securityGroupIds,
    Map<String, String> labels,
    List<NodeTaint> taints,
    NodePoolStatus status) {

  public NodePool {
    vSwitchIds = List.copyOf(vSwitchIds);
    instanceTypes = List.copyOf(instanceTypes);
    securityGroupIds = List.copyOf(securityGroupIds);
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    taints = List.copyOf(taints);
  }
}
