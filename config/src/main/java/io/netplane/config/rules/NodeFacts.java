package io.netplane.config.rules;

import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodeView;

/**
 * Per-node facts derived once per snapshot so that a request only does lookups: the node's view,
 * its instance type as the inventory knows it, and the {@link NodeShape} the rules read (with exact
 * counts).
 *
 * @param instanceType null when the inventory does not know it
 */
public record NodeFacts(NodeView node, InstanceType instanceType, NodeShape shape) {

  public String name() {
    return node.name();
  }

  /** Shared-ENI IPs the node offers; null when unknown. */
  public Integer sharedCapacity() {
    return shape.sharedCapacity();
  }

  /** Pods on the node drawing from its shared ENIs. */
  public int sharedUsed() {
    return shape.sharedUsed();
  }
}
