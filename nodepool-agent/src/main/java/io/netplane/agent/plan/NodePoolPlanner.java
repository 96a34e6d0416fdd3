package io.netplane.agent.plan;

import io.netplane.agent.model.NodePoolCreate;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolUpdate;
import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ACK node pool's {@code kubernetes_config}: labels and taint so that new nodes register
 * configured. Existing nodes are patched by the agent itself (ACK's update-nodes is left off, so
 * nodes that need recycling are detected before they are labelled).
 */
final class NodePoolPlanner {
  private NodePoolPlanner() {}

  static NodePoolStep plan(PlanContext ctx) {
    ResolvedPool pool = ctx.pool;
    if (!pool.ackManaged()) {
      return null;
    }
    NodePool current = ctx.nodePool;
    NodePoolCreate create = pool.create();
    if (current == null) {
      if (create == null) {
        return null; // NodePoolFoundCheck reports it
      }
      return new NodePoolStep.Create(
          new NodePoolSpec(
              create.name(),
              create.vSwitchIds(),
              create.instanceTypes(),
              create.desiredSize(),
              List.of(),
              pool.nodeLabels(),
              List.of(pool.taint())));
    }
    Map<String, String> labels = new TreeMap<>(current.labels());
    for (String k : ctx.previouslyOwnedLabels()) {
      if (!pool.nodeLabels().containsKey(k)) {
        labels.remove(k);
      }
    }
    labels.putAll(pool.nodeLabels());
    NodeTaint before = ctx.previouslyOwnedTaint();
    List<NodeTaint> taints =
        Taints.replace(
            current.taints(),
            before != null && !before.equals(pool.taint()) ? before : null,
            pool.taint());
    NodePoolUpdate update = NodePoolUpdate.none();
    if (!labels.equals(current.labels())) {
      update = update.withLabels(labels);
    }
    if (!taints.equals(current.taints())) {
      update = update.withTaints(taints);
    }
    if (create != null) {
      if (!create.desiredSize().equals(current.desiredSize())) {
        update = update.withDesiredSize(create.desiredSize());
      }
      if (!Set.copyOf(create.instanceTypes()).equals(Set.copyOf(current.instanceTypes()))) {
        update = update.withInstanceTypes(create.instanceTypes());
      }
      if (!Set.copyOf(create.vSwitchIds()).equals(Set.copyOf(current.vSwitchIds()))) {
        update = update.withVSwitchIds(create.vSwitchIds());
      }
    }
    return update.equals(NodePoolUpdate.none())
        ? null
        : new NodePoolStep.Modify(current.id(), update, current);
  }

  /** Removes the pool's labels and taint from the node pool; the pool itself stays. */
  static NodePoolStep planDelete(PlanContext ctx) {
    NodePool current = ctx.nodePool;
    if (!ctx.pool.ackManaged() || current == null) {
      return null;
    }
    Map<String, String> labels = new TreeMap<>(current.labels());
    ctx.previouslyOwnedLabels().forEach(labels::remove);
    ctx.pool.nodeLabels().keySet().forEach(labels::remove);
    List<NodeTaint> taints = Taints.replace(current.taints(), ctx.previouslyOwnedTaint(), null);
    taints = Taints.replace(taints, ctx.pool.taint(), null);
    NodePoolUpdate update = NodePoolUpdate.none();
    if (!labels.equals(current.labels())) {
      update = update.withLabels(labels);
    }
    if (!taints.equals(current.taints())) {
      update = update.withTaints(taints);
    }
    return update.equals(NodePoolUpdate.none())
        ? null
        : new NodePoolStep.Modify(current.id(), update, current);
  }
}
