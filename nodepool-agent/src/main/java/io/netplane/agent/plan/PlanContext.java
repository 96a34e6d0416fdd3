package io.netplane.agent.plan;

import io.netplane.config.cloud.NodePool;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    this.nodePoolId = pool.nodePoolId() != null ? pool.nodePoolId()
        : nodePool != null ? nodePool.id() : null;
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

  /** The label keys the pool set on nodes and on the ACK pool before this plan. */
  Set<String> previouslyOwnedLabels() {
    ConfigMapState cm = observed.override();
    String v = cm == null ? null : cm.annotation(PoolLabels.OWNED_LABELS);
    return csv(v);
  }

  static Set<String> csv(String v) {
    Set<String> out = new LinkedHashSet<>();
    if (v != null && !v.isBlank()) {
      Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }
}
