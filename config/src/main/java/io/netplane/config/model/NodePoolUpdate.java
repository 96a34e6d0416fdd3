package io.netplane.config.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ModifyClusterNodePool request: null fields are left out of the request and stay as they are; a
 * set field replaces the pool's value (an empty taint list removes every taint).
 *
 * @param vSwitchIds new node vSwitches, or null
 * @param instanceTypes new instance types, or null
 * @param desiredSize new absolute size, or null
 * @param labels the full new label set, or null
 * @param taints the full new taint list, or null
 * @param updateNodes whether ACK also applies labels and taints to the pool's existing nodes
 */
public record NodePoolUpdate(
    List<String> vSwitchIds,
    List<String> instanceTypes,
    Long desiredSize,
    Map<String, String> labels,
    List<NodeTaint> taints,
    boolean updateNodes) {

  public NodePoolUpdate {
    vSwitchIds = vSwitchIds == null ? null : List.copyOf(vSwitchIds);
    instanceTypes = instanceTypes == null ? null : List.copyOf(instanceTypes);
    labels = labels == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    taints = taints == null ? null : List.copyOf(taints);
  }

  /** An update that changes nothing yet; chain the {@code with...} methods. */
  public static NodePoolUpdate none() {
    return new NodePoolUpdate(null, null, null, null, null, false);
  }

  public NodePoolUpdate withVSwitchIds(List<String> ids) {
    return new NodePoolUpdate(ids, instanceTypes, desiredSize, labels, taints, updateNodes);
  }

  public NodePoolUpdate withInstanceTypes(List<String> types) {
    return new NodePoolUpdate(vSwitchIds, types, desiredSize, labels, taints, updateNodes);
  }

  public NodePoolUpdate withDesiredSize(long size) {
    return new NodePoolUpdate(vSwitchIds, instanceTypes, size, labels, taints, updateNodes);
  }

  public NodePoolUpdate withLabels(Map<String, String> newLabels) {
    return new NodePoolUpdate(
        vSwitchIds, instanceTypes, desiredSize, newLabels, taints, updateNodes);
  }

  public NodePoolUpdate withTaints(List<NodeTaint> newTaints) {
    return new NodePoolUpdate(
        vSwitchIds, instanceTypes, desiredSize, labels, newTaints, updateNodes);
  }

  public NodePoolUpdate withUpdateNodes(boolean update) {
    return new NodePoolUpdate(vSwitchIds, instanceTypes, desiredSize, labels, taints, update);
  }
}
