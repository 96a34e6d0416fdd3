package io.netplane.agent.plan;

import io.netplane.agent.model.PoolNodes;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The pure planner: a pool and one observation give the {@link Plan}. No I/O, no clock (the
 * observation carries its instant), no client: the same inputs always give the same plan, which is
 * what makes the appliers resumable (plan again after a crash, get the remaining steps).
 */
public final class Planner {
  /** The checks, in the order their findings are listed. */
  static final List<PlanCheck> CHECKS =
      List.of(
          new NodePoolFoundCheck(),
          new VSwitchExistsCheck(),
          new VpcCheck(),
          new CapacityCheck(),
          new ZoneWithoutNodesCheck(),
          new NodeZoneWithoutPodVSwitchCheck(),
          new BaseEniConfigCheck(),
          new NodeOwnershipCheck(),
          new RecycleCheck());

  private Planner() {}

  /** What to do so that the cluster matches the pool. */
  public static Plan plan(ResolvedPool pool, Observed observed) {
    PlanContext ctx = new PlanContext(pool, observed);
    List<Finding> findings = new ArrayList<>();
    CHECKS.forEach(c -> findings.addAll(c.check(ctx)));
    ConfigMapStep cm = ConfigMapPlanner.plan(ctx, findings);
    NodePoolStep np = NodePoolPlanner.plan(ctx);
    List<NodeStep> nodes = new ArrayList<>();
    List<String> configured = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<String> recycle = new ArrayList<>();
    for (ObservedNode n : sorted(ctx.members)) {
      NodeStep step = NodePlanner.member(ctx, n);
      if (!step.empty()) {
        nodes.add(step);
      }
      if (Recycle.reason(ctx, n) != null) {
        recycle.add(n.name());
      } else if (step.empty()) {
        configured.add(n.name());
      } else {
        pending.add(n.name());
      }
    }
    for (ObservedNode n : sorted(ctx.formerMembers)) {
      NodeStep step = NodePlanner.cleanup(ctx, n);
      if (!step.empty()) {
        nodes.add(step);
      }
    }
    return new Plan(
        pool.name(),
        pool.configMapName(),
        cm,
        np,
        nodes,
        findings,
        cidrs(ctx),
        new PoolNodes(configured, pending, recycle),
        ctx.nodePoolId,
        CapacityCheck.free(ctx));
  }

  /**
   * What to do to remove everything the pool set, and only that: the override ConfigMap (when the
   * pool created it; an adopted one is given back), the node labels, taints and annotations it
   * recorded, and the labels and taint in the ACK node pool's kubernetes_config. Nodes and the node
   * pool themselves are never deleted.
   */
  public static Plan planDelete(ResolvedPool pool, Observed observed) {
    PlanContext ctx = new PlanContext(pool, observed);
    List<Finding> findings = new ArrayList<>();
    ConfigMapStep cm = ConfigMapPlanner.planDelete(ctx, findings);
    NodePoolStep np = NodePoolPlanner.planDelete(ctx);
    List<NodeStep> nodes = new ArrayList<>();
    List<ObservedNode> all = new ArrayList<>(ctx.members);
    all.addAll(ctx.formerMembers);
    for (ObservedNode n : sorted(all)) {
      NodeStep step = NodePlanner.cleanup(ctx, n);
      if (!step.empty()) {
        nodes.add(step);
      }
    }
    return new Plan(
        pool.name(),
        pool.configMapName(),
        cm,
        np,
        nodes,
        findings,
        cidrs(ctx),
        new PoolNodes(List.of(), List.of(), List.of()),
        ctx.nodePoolId,
        CapacityCheck.free(ctx));
  }

  private static List<String> cidrs(PlanContext ctx) {
    TreeSet<String> out = new TreeSet<>();
    for (VSwitch v : ctx.podVSwitches) {
      if (v.cidr() != null) {
        out.add(v.cidr());
      }
    }
    return List.copyOf(out);
  }

  private static List<ObservedNode> sorted(List<ObservedNode> nodes) {
    return nodes.stream().sorted(Comparator.comparing(ObservedNode::name)).toList();
  }
}
