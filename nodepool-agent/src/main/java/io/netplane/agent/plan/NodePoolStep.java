package io.netplane.agent.plan;

import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolUpdate;

/** A Container Service request: create the pool, or modify an existing one. */
public sealed interface NodePoolStep {

  /** CreateClusterNodePool with kubernetes_config labels and taints. */
  record Create(NodePoolSpec spec) implements NodePoolStep {}

  /**
   * ModifyClusterNodePool.
   *
   * @param current the pool as observed, for the diff
   */
  record Modify(String nodePoolId, NodePoolUpdate update, NodePool current)
      implements NodePoolStep {}
}
