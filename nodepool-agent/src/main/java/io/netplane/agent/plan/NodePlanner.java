package io.netplane.agent.plan;

import io.netplane.config.model.NodeTaint;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-node label, taint and annotation changes. The pool's labels and taint are set, the ones it
 * set earlier and no longer wants are removed, and nothing else on the node is touched. A node that
 * needs recycling gets terway-config and the taint but not the pool label, so the pool's workloads
 * (which select on it) do not land where their IPs would miss the whitelist.
 */
final class NodePlanner {
  private static final List<String> OUR_ANNOTATIONS =
      List.of(
          PoolLabels.OWNER, PoolLabels.OWNED_LABELS, PoolLabels.OWNED_TAINT, PoolLabels.RECYCLE);

  private NodePlanner() {}

  static NodeStep member(PlanContext ctx, ObservedNode n) {
    ResolvedPool pool = ctx.pool;
    String recycle = Recycle.reason(ctx, n);
    SortedMap<String, String> desired = ctx.desiredLabels(n);
    Set<String> ownedBefore = ctx.ownedLabels(n);
    SortedMap<String, String> set = new TreeMap<>();
    SortedSet<String> owned = new TreeSet<>();
    desired.forEach(
        (k, v) -> {
          String present = n.labels().get(k);
          if (!v.equals(present)) {
            set.put(k, v);
            owned.add(k);
          } else if (ownedBefore.contains(k)) {
            owned.add(k);
          }
          // an equal label the pool did not set stays someone else's (delete leaves it)
        });
    SortedSet<String> remove = new TreeSet<>();
    for (String k : ownedBefore) {
      if (!desired.containsKey(k) && n.labels().containsKey(k)) {
        remove.add(k);
      }
    }
    NodeTaint before = ctx.ownedTaint(n);
    List<NodeTaint> taints =
        Taints.replace(
            n.taints(),
            before != null && !before.equals(pool.taint()) ? before : null,
            pool.taint());
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(PoolLabels.OWNER, pool.name());
    annotations.put(PoolLabels.OWNED_LABELS, String.join(",", owned));
    // like a label, an equal taint the pool did not set stays someone else's
    if (!n.taints().contains(pool.taint()) || pool.taint().equals(before)) {
      annotations.put(PoolLabels.OWNED_TAINT, Taints.format(pool.taint()));
    }
    if (recycle != null) {
      annotations.put(PoolLabels.RECYCLE, recycle);
    }
    annotations.entrySet().removeIf(e -> e.getValue().equals(n.annotations().get(e.getKey())));
    return new NodeStep(
        n.name(),
        n.resourceVersion(),
        set,
        remove,
        annotations,
        Set.of(),
        n.taints(),
        taints.equals(n.taints()) ? null : taints);
  }

  /**
   * Removes what the pool set on a node: the labels and taint it recorded (on the node, or for an
   * ACK node pool on its override), and its annotations when the node carries its record. Labels
   * and taints it did not set stay, even when equal to the pool's.
   */
  static NodeStep cleanup(PlanContext ctx, ObservedNode n) {
    Set<String> owned = ctx.ownedLabels(n);
    SortedSet<String> remove = new TreeSet<>();
    n.labels()
        .keySet()
        .forEach(
            k -> {
              if (owned.contains(k)) {
                remove.add(k);
              }
            });
    NodeTaint mine = ctx.ownedTaint(n);
    List<NodeTaint> taints =
        mine != null && n.taints().contains(mine)
            ? Taints.replace(n.taints(), mine, null)
            : n.taints();
    SortedSet<String> removeAnnotations = new TreeSet<>();
    if (ctx.ownsNode(n)) {
      OUR_ANNOTATIONS.forEach(
          a -> {
            if (n.annotations().containsKey(a)) {
              removeAnnotations.add(a);
            }
          });
    }
    return new NodeStep(
        n.name(),
        n.resourceVersion(),
        new TreeMap<>(),
        remove,
        new TreeMap<>(),
        removeAnnotations,
        n.taints(),
        taints.equals(n.taints()) ? null : taints);
  }
}
