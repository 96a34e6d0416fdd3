package io.netplane.config.rules;

import io.netplane.config.ledger.IpLedger;
import io.netplane.config.model.Allocation;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodView;
import io.netplane.config.model.SelectionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a snapshot tells that does not depend on the pod being decided, derived once: usage of
 * each node, in-flight reservations, zone capacities, each node's facts and shape (Terway's
 * capacity formula, trunk capability), fixed-IP pins. Read-only after construction, so requests on
 * any thread share it.
 */
final class SnapshotIndex {
  private final ClusterSnapshot snapshot;
  private final NetworkResolver resolver;
  private final IpLedger inFlight = new IpLedger(); // filled while constructing, then only read
  private final CapacityIndex capacities;
  private final NodeIndex nodes;
  private final boolean trunkCluster;
  private final Map<String, Long> reservations; // the ledger once constructing is done
  // One String per zone: requests key their per-zone memos by a node's zone, and equal instances
  // compare by identity there instead of by content, thousands of times a request.
  private final Map<String, String> zoneNames = new HashMap<>();

  /** {@code previous} (may be null) lends its network resolutions of pods that did not change. */
  SnapshotIndex(ClusterSnapshot snapshot, SnapshotIndex previous) {
    this.snapshot = snapshot;
    VSwitchZones zones = new VSwitchZones(snapshot);
    this.resolver =
        new NetworkResolver(snapshot, zones, previous == null ? null : previous.resolver);
    this.capacities = new CapacityIndex(zones, snapshot.vSwitches(), inFlight);
    this.trunkCluster = snapshot.baseConfig() != null && snapshot.baseConfig().trunking();

    // Only the configs nodes use: every kube-system ConfigMap is an override, most of them unused.
    Map<String, EniConfig> configs = new LinkedHashMap<>();
    if (snapshot.baseConfig() != null) {
      configs.put(snapshot.baseConfig().name(), snapshot.baseConfig());
    }
    Map<String, NodeUsage> usage = new HashMap<>();
    List<PodView> inFlightPods = new ArrayList<>();
    Map<String, NodeShape> bare = new HashMap<>();
    for (NodeView n : snapshot.nodes().values()) {
      NodeShape shape = facts(n, NodeUsage.NONE, false).shape();
      bare.put(n.name(), shape);
      if (shape.config() != null) {
        configs.putIfAbsent(shape.config().name(), shape.config());
      }
    }
    for (PodView p : snapshot.pods()) {
      NodeShape node = p.nodeName() == null || p.finished() ? null : bare.get(p.nodeName());
      if (node == null) {
        continue;
      }
      PodContext ctx = context(p, resolver.resolveAndRemember(p), Map.of());
      if (ctx.unmanaged() || ctx.resolution().kind() == Resolution.Kind.INVALID) {
        continue;
      }
      usage
          .computeIfAbsent(p.nodeName(), k -> new NodeUsage())
          .add(p, ctx.slotKind(node), ctx.slotCount());
      if (p.ipInFlight() && ctx.pin() == null) {
        inFlightPods.add(p);
      }
    }
    // Reservations change free IPs, so they are taken against fresh capacities before preparing.
    for (PodView p : inFlightPods) {
      reserve(context(p, resolver.resolveAndRemember(p), Map.of()), bare.get(p.nodeName()));
    }
    List<Network> networks = new ArrayList<>();
    snapshot.podNetworkings().forEach(pn -> networks.add(resolver.network(pn.name())));
    // the shapes' own zone strings, so that lookups by a node's zone match by identity
    capacities.prepare(networks, configs, new HashSet<>(zoneNames.values()));
    this.nodes =
        new NodeIndex(
            List.copyOf(snapshot.nodes().keySet()),
            name ->
                facts(snapshot.nodes().get(name), usage.getOrDefault(name, NodeUsage.NONE), true));
    this.reservations = inFlight.byVSwitch();
  }

  ClusterSnapshot snapshot() {
    return snapshot;
  }

  NetworkResolver resolver() {
    return resolver;
  }

  NodeIndex nodes() {
    return nodes;
  }

  /** In-flight reservations per vSwitch. */
  Map<String, Long> reservations() {
    return reservations;
  }

  /** What a request for {@code pod} works with, with IPs {@code assumed} taken by other pods. */
  PodContext context(PodView pod, Resolution resolution, Map<String, Long> assumed) {
    boolean fixedName = resolver.fixedName(pod);
    PodEni pin = fixedName && resolution.fixed() ? livePodEni(pod) : null;
    return new PodContext(pod, resolution, pin, fixedName, trunkCluster, capacities, assumed);
  }

  /** The PodENI still holding the pod's fixed IP: not being deleted, allocated, not expired. */
  private PodEni livePodEni(PodView pod) {
    PodEni eni = snapshot.podEnis().get(pod.key());
    if (eni == null || eni.deleting() || !eni.hasAllocations() || eni.zone() == null) {
      return null;
    }
    Allocation alloc = eni.allocation();
    if (alloc.releaseStrategy() == Allocation.ReleaseStrategy.TTL
        && alloc.releaseAfter() != null
        && eni.podLastSeen() != null
        && !eni.podLastSeen().plus(alloc.releaseAfter()).isAfter(snapshot.takenAt())) {
      return null;
    }
    return eni;
  }

  private void reserve(PodContext ctx, NodeShape node) {
    if (ctx.usesDefaultNetwork()) {
      if (node.config() != null) {
        take(capacities.ofDefault(node.config(), node.zone()), node.config().selectionPolicy());
      }
      return;
    }
    for (Network n : ctx.resolution().networks()) {
      take(capacities.compute(n.spec().vSwitchIds(), node.zone()), n.spec().selectionPolicy());
    }
  }

  private void take(ZoneCapacity cap, SelectionPolicy policy) {
    String id = cap.pick(policy);
    if (id == null && cap.status() == ZoneCapacity.Status.EXHAUSTED) {
      // a pod bound beyond the free IPs still counts, so an overshoot shows in the ledger
      id = cap.free().keySet().iterator().next();
    }
    if (id != null) {
      inFlight.reserve(id);
    }
  }

  /** The node's facts; {@code prepared}: capacities are final, so its default one is known. */
  private NodeFacts facts(NodeView n, NodeUsage usage, boolean prepared) {
    EniConfig config =
        n.terwayConfig() == null
            ? snapshot.baseConfig()
            : snapshot.overrideConfigs().get(n.terwayConfig());
    // Terway takes the node's instance-type-info annotation before asking the cloud.
    InstanceType type =
        n.annotatedLimits() != null
            ? n.annotatedLimits()
            : n.instanceType() == null ? null : snapshot.instanceTypes().get(n.instanceType());
    String zone = n.zone() == null ? null : zoneNames.computeIfAbsent(n.zone(), z -> z);
    NodeShape shape =
        new NodeShape(
            zone,
            config,
            n.terwayConfig(),
            n.instanceType(),
            TerwayNodeLimits.trunkCapable(n, config, type),
            n.virtual(),
            n.eniOnly(),
            n.trunkEniId() != null,
            n.insufficientIp(),
            TerwayNodeLimits.sharedCapacity(n, config, type),
            usage.shared,
            free(n.allocatableMemberEni(), usage.member),
            free(n.allocatableEni(), usage.exclusive),
            prepared ? capacities.ofDefault(config, zone) : null);
    return new NodeFacts(n, shape);
  }

  private static Long free(Long allocatable, long used) {
    return allocatable == null ? null : Math.max(0, allocatable - used);
  }
}
