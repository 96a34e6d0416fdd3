package io.netplane.agent.plan;

import io.netplane.config.cloud.NodeTaint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-node label, taint and annotation changes. The pool's labels and taint are set, the ones it
 * set earlier and no longer wants are removed, and nothing else on the node is touched. A node
 * that needs recycling gets terway-config and the taint but not the pool label, so the pool's
 * workloads (which select on it) do not land where their IPs would miss the whitelist.
 */
final class NodePlanner {
  private static final List<String> OUR_ANNOTATIONS =
      List.of(PoolLabels.OWNER, PoolLabels.OWNED_LABELS, PoolLabels.OWNED_TAINT, PoolLabels.RECYCLE);

  private NodePlanner() {}

  static NodeStep member(PlanContext ctx, ObservedNode n) {
    ResolvedPool pool = ctx.pool;
    String recycle = Recycle.reason(ctx, n);
    SortedMap<String, String> desired = pool.nodeLabels();
    if (recycle != null) {
      desired.remove(PoolLabels.POOL);
    }
    SortedMap<String, String> set = new TreeMap<>();
    desired.forEach((k, v) -> {
      if (!v.equals(n.labels().get(k))) {
        set.put(k, v);
      }
    });
    SortedSet<String> remove = new TreeSet<>();
    for (String k : PlanContext.csv(n.annotations().get(PoolLabels.OWNED_LABELS))) {
      if (!desired.containsKey(k) && n.labels().containsKey(k)) {
        remove.add(k);
      }
    }
    NodeTaint before = Taints.parse(n.annotations().get(PoolLabels.OWNED_TAINT));
    List<NodeTaint> taints = Taints.replace(n.taints(),
        before != null && !before.equals(pool.taint()) ? before : null, pool.taint());
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(PoolLabels.OWNER, pool.name());
    annotations.put(PoolLabels.OWNED_LABELS, String.join(",", desired.keySet()));
    annotations.put(PoolLabels.OWNED_TAINT, Taints.format(pool.taint()));
    if (recycle != null) {
      annotations.put(PoolLabels.RECYCLE, recycle);
    }
    annotations.entrySet().removeIf(e -> e.getValue().equals(n.annotations().get(e.getKey())));
    return new NodeStep(n.name(), n.resourceVersion(), set, remove, annotations, Set.of(),
        n.taints(), taints.equals(n.taints()) ? null : taints);
  }

  /**
   * Removes what the pool set on a node. With {@code alsoUnrecorded}, labels and taint equal to the
   * pool's are removed even without the agent's annotation (ACK put them there at registration).
   */
  static NodeStep cleanup(PlanContext ctx, ObservedNode n, boolean alsoUnrecorded) {
    Set<String> owned = new TreeSet<>(PlanContext.csv(n.annotations().get(PoolLabels.OWNED_LABELS)));
    SortedSet<String> remove = new TreeSet<>();
    Map<String, String> ours = ctx.pool.nodeLabels();
    n.labels().forEach((k, v) -> {
      if (owned.contains(k) || (alsoUnrecorded && v.equals(ours.get(k)))) {
        remove.add(k);
      }
    });
    List<NodeTaint> taints = Taints.replace(n.taints(),
        Taints.parse(n.annotations().get(PoolLabels.OWNED_TAINT)), null);
    if (alsoUnrecorded && taints.contains(ctx.pool.taint())) {
      taints = Taints.replace(taints, ctx.pool.taint(), null);
    }
    SortedSet<String> removeAnnotations = new TreeSet<>();
    OUR_ANNOTATIONS.forEach(a -> {
      if (n.annotations().containsKey(a)) {
        removeAnnotations.add(a);
      }
    });
    return new NodeStep(n.name(), n.resourceVersion(), new TreeMap<>(),
        remove, new TreeMap<>(), removeAnnotations, n.taints(), taints.equals(n.taints()) ? null : taints);
  }
}
