package io.netplane.agent.plan;

/**
 * Whether a node must be recycled: Terway keeps using the ENIs a node already has, so a node that
 * allocated ENIs before it got {@code terway-config=<override>} hands its pods IPs from the old
 * vSwitches. Signs: the trunk ENI annotation, or pods holding IPs, while the label was not yet set.
 * Once recorded on the node (annotation) the fact survives the labelling.
 */
final class Recycle {
  private Recycle() {}

  /** Why {@code node} needs recycling, or null. */
  static String reason(PlanContext ctx, ObservedNode node) {
    String recorded = node.annotations().get(PoolLabels.RECYCLE);
    if (recorded != null) {
      return recorded;
    }
    String cm = ctx.pool.configMapName();
    if (cm.equals(node.labels().get(PoolLabels.TERWAY_CONFIG))) {
      return null;
    }
    String before = "before terway-config=" + cm;
    if (node.view().trunkEniId() != null) {
      return "trunk ENI " + node.view().trunkEniId() + " attached " + before;
    }
    int pods = ctx.podsWithIps(node.name()).size();
    if (pods > 0) {
      return pods + " pod(s) held ENI IPs " + before;
    }
    return null;
  }
}
