package io.netplane.agent.plan;

import java.util.Map;

/** Which nodes belong to a pool: by ACK node pool id label, or by the pool's node selector. */
public final class PoolMembership {
  private PoolMembership() {}

  /**
   * @param nodePoolId the ACK node pool id when known (given, or found by name), else null
   */
  public static boolean member(ResolvedPool pool, String nodePoolId, Map<String, String> labels) {
    if (pool.nodeSelector() != null) {
      return pool.nodeSelector().entrySet().stream()
          .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
    return nodePoolId != null && nodePoolId.equals(labels.get(PoolLabels.ACK_NODE_POOL_ID));
  }
}
