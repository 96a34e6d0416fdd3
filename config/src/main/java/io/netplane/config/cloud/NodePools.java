package io.netplane.config.cloud;

import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolUpdate;
import java.util.List;

/**
 * ACK node pools of one cluster through the Container Service API (cs20151215). Blocking, no
 * retries; errors are {@link CloudException}s carrying the API's code (e.g. an unknown pool gives
 * HTTP 404).
 */
public interface NodePools {

  /** Every node pool of the cluster. */
  List<NodePool> describeNodePools(String clusterId);

  /** One node pool; a {@link CloudException} with HTTP 404 when it does not exist. */
  NodePool describeNodePool(String clusterId, String nodePoolId);

  /**
   * Creates an auto-scaling-group ("ess") pool whose nodes register with the spec's labels and
   * taints ({@code kubernetes_config}).
   *
   * @return the new node pool id
   */
  String createNodePool(String clusterId, NodePoolSpec spec);

  /**
   * Changes the fields that are set in {@code update}; null fields stay as they are.
   *
   * @return the id of the task ACK started, or null when it reported none
   */
  String modifyNodePool(String clusterId, String nodePoolId, NodePoolUpdate update);
}
