package io.netplane.agent.plan;

import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodeTaint;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/** Facts derived once per plan from the pool and the observation, shared by the checks. */
final class PlanContext {
  final ResolvedPool pool;
  final Observed observed;
  final NodePool nodePool;
  final String nodePoolId;
  final List<VSwitch> podVSwitches;
  final List<String> missingPodVSwitches;
  final List<VSwitch> nodeVSwitches;
  final List<String> missingNodeVSwitches;
  final List<ObservedNode> members;
  final List<ObservedNode> formerMembers;
  final Set<String> podZones;

  PlanContext(ResolvedPool pool, Observed observed) {
    this.pool = pool;
    this.observed = observed;
    this.nodePool = observed.nodePool();
    this.nodePoolId =
        pool.nodePoolId() != null ? pool.nodePoolId() : nodePool != null ? nodePool.id() : null;
    this.podVSwitches = new ArrayList<>();
    this.missingPodVSwitches = new ArrayList<>();
    split(pool.podVSwitchIds(), podVSwitches, missingPodVSwitches);
    this.nodeVSwitches = new ArrayList<>();
    this.missingNodeVSwitches = new ArrayList<>();
    if (pool.create() != null) {
      split(pool.create().vSwitchIds(), nodeVSwitches, missingNodeVSwitches);
    }
    this.members = new ArrayList<>();
    this.formerMembers = new ArrayList<>();
    for (ObservedNode n : observed.nodes()) {
      if (member(n)) {
        members.add(n);
      } else if (pool.name().equals(n.annotations().get(PoolLabels.OWNER))) {
        formerMembers.add(n);
      }
    }
    this.podZones = new TreeSet<>();
    podVSwitches.forEach(v -> podZones.add(v.zone()));
  }

  private void split(List<String> ids, List<VSwitch> found, List<String> missing) {
    for (String id : ids) {
      VSwitch v = observed.vSwitches().get(id);
      if (v == null) {
        missing.add(id);
      } else {
        found.add(v);
      }
    }
  }

  private boolean member(ObservedNode n) {
    return PoolMembership.member(pool, nodePoolId, n.labels());
  }

  /** Pods on {@code node} that hold an IP from the node's ENIs (not host network, not done). */
  List<PodView> podsWithIps(String node) {
    return observed.pods().stream()
        .filter(p -> node.equals(p.nodeName()) && p.hasIp() && !p.hostNetwork() && !p.finished())
        .toList();
  }

  /**
   * The label keys the pool set on nodes and on the ACK pool before this plan, as recorded on the
   * override ConfigMap (only when the pool owns it: a record elsewhere proves nothing).
   */
  Set<String> previouslyOwnedLabels() {
    ConfigMapState cm = ownOverride();
    return csv(cm == null ? null : cm.annotation(PoolLabels.OWNED_LABELS));
  }

  /** The taint the pool set on the ACK pool before this plan, or null. */
  NodeTaint previouslyOwnedTaint() {
    ConfigMapState cm = ownOverride();
    return cm == null ? null : Taints.parse(cm.annotation(PoolLabels.OWNED_TAINT));
  }

  /** Whether the node carries this pool's ownership record. */
  boolean ownsNode(ObservedNode n) {
    return pool.name().equals(n.annotations().get(PoolLabels.OWNER));
  }

  /**
   * The label keys this pool set on {@code n}: recorded on the node by this pool, or, for an ACK
   * node pool, put on the node pool's {@code kubernetes_config} by this pool with the value the
   * node has (ACK registered the node with it).
   */
  Set<String> ownedLabels(ObservedNode n) {
    Set<String> out = new LinkedHashSet<>();
    if (ownsNode(n)) {
      out.addAll(csv(n.annotations().get(PoolLabels.OWNED_LABELS)));
    }
    if (pool.ackManaged() && nodePool != null) {
      for (String k : previouslyOwnedLabels()) {
        String v = n.labels().get(k);
        if (v != null && v.equals(nodePool.labels().get(k))) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** The taint this pool set on {@code n} (same sources as {@link #ownedLabels}), or null. */
  NodeTaint ownedTaint(ObservedNode n) {
    if (ownsNode(n)) {
      NodeTaint recorded = Taints.parse(n.annotations().get(PoolLabels.OWNED_TAINT));
      if (recorded != null) {
        return recorded;
      }
    }
    NodeTaint registered = pool.ackManaged() && nodePool != null ? previouslyOwnedTaint() : null;
    return registered != null
            && nodePool.taints().contains(registered)
            && n.taints().contains(registered)
        ? registered
        : null;
  }

  /** The labels a member node should carry: without the pool label while it needs recycling. */
  SortedMap<String, String> desiredLabels(ObservedNode n) {
    SortedMap<String, String> desired = pool.nodeLabels();
    if (Recycle.reason(this, n) != null) {
      desired.remove(PoolLabels.POOL);
    }
    return desired;
  }

  private ConfigMapState ownOverride() {
    ConfigMapState cm = observed.override();
    return cm != null && ConfigMapPlanner.ownedBy(cm, pool.name()) ? cm : null;
  }

  static Set<String> csv(String v) {
    Set<String> out = new LinkedHashSet<>();
    if (v != null && !v.isBlank()) {
      Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }
}
