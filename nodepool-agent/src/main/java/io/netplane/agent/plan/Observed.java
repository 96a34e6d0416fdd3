package io.netplane.agent.plan;

import io.netplane.config.model.NodePool;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner looks at, taken by the edge in one pass.
 *
 * @param baseEniConfig kube-system/eni-config, or null when missing
 * @param override the pool's override ConfigMap, or null when missing
 * @param nodes every Node (the planner picks the pool's own and the ones it used to own)
 * @param pods pods bound to the pool's nodes (to find nodes that already use ENIs)
 * @param nodePool the ACK node pool (by id, or found by the name to create), or null when absent
 * @param vSwitches pod and node vSwitches from the VPC API, by id; unknown ids are absent
 * @param clusterVpcId the cluster's VPC, or null when not known
 * @param now when the observation was taken (condition transition times)
 */
public record Observed(
    ConfigMapState baseEniConfig,
    ConfigMapState override,
    List<ObservedNode> nodes,
    List<PodView> pods,
    NodePool nodePool,
    Map<String, VSwitch> vSwitches,
    String clusterVpcId,
    Instant now) {

  public Observed {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    vSwitches = Map.copyOf(vSwitches);
  }
}
