package io.netplane.agent.plan;

import java.util.List;

/** An existing node pool given by id must exist. */
final class NodePoolFoundCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    if (ctx.pool.nodePoolId() != null && ctx.nodePool == null) {
      return List.of(
          new Finding(
              FindingId.NODE_POOL_NOT_FOUND,
              ctx.pool.nodePoolId(),
              "ACK node pool " + ctx.pool.nodePoolId() + " does not exist in the cluster"));
    }
    return List.of();
  }
}
