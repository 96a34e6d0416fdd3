package io.netplane.agent.model;

import java.util.List;

/**
 * Node names by state, sorted.
 *
 * @param configured labelled and tainted as the pool wants
 * @param pending members still missing a label, taint or annotation
 * @param needingRecycle members that had ENIs before the override: their pods may draw IPs from the
 *     old vSwitches until the node is replaced
 */
public record PoolNodes(
    List<String> configured, List<String> pending, List<String> needingRecycle) {
  public PoolNodes {
    configured = List.copyOf(configured);
    pending = List.copyOf(pending);
    needingRecycle = List.copyOf(needingRecycle);
  }
}
