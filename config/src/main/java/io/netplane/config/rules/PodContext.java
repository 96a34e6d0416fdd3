package io.netplane.config.rules;

import io.netplane.config.model.EniType;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodView;
import io.netplane.config.model.SelectionPolicy;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pod-derived facts computed once per request (kube-scheduler's cycle state): node checks are then
 * lookups. Not thread-safe; one per request.
 */
public final class PodContext {
  private static final Object NO_ZONE = new Object();
  private final PodView pod;
  private final Resolution resolution;
  private final Set<String> allowedZones;
  private final boolean zonesUncertain;
  private final SlotKind networkSlotKind;
  private final PodEni pin;
  private final boolean fixedName;
  private final CapacityIndex capacities;
  private final Map<String, List<ZoneCapacity>> networkCapacityByZone = new HashMap<>();
  private final Map<ReasonMemo<?>, Map<Object, Reason>> reasons = new IdentityHashMap<>();
  private final Map<Reason, Verdict> verdictCache = new IdentityHashMap<>();
  private final Map<Reason, Reason> failClosed = new IdentityHashMap<>();
  private final Map<ZoneCapacity, Reason> capacityReasons = new IdentityHashMap<>();
  private final Map<String, Long> assumed;
  private final int[] notes = new int[ReasonId.COUNT];
  private final Map<ZoneCapacity, ZoneCapacity> assumedDefault = new IdentityHashMap<>();

  PodContext(
      PodView pod,
      Resolution resolution,
      PodEni pin,
      boolean fixedName,
      boolean trunkCluster,
      CapacityIndex capacities,
      Map<String, Long> assumed) {
    this.pod = pod;
    this.resolution = resolution;
    this.allowedZones = resolution.allowedZones();
    this.zonesUncertain = resolution.zonesUncertain();
    this.networkSlotKind = networkSlotKind(resolution, trunkCluster);
    this.pin = pin;
    this.fixedName = fixedName;
    this.capacities = capacities;
    this.assumed = assumed;
  }

  public PodView pod() {
    return pod;
  }

  public Resolution resolution() {
    return resolution;
  }

  /** Null when the networks do not constrain zones. */
  public Set<String> allowedZones() {
    return allowedZones;
  }

  /** Some network has a vSwitch of unknown zone. */
  public boolean zonesUncertain() {
    return zonesUncertain;
  }

  /** The live PodENI pinning a fixed IP to its zone, or null. */
  public PodEni pin() {
    return pin;
  }

  public boolean fixedName() {
    return fixedName;
  }

  /** Terway leaves the pod alone: no rule applies. */
  public boolean unmanaged() {
    return resolution.kind() == Resolution.Kind.UNMANAGED;
  }

  public boolean usesDefaultNetwork() {
    return resolution.kind() == Resolution.Kind.DEFAULT;
  }

  /** Capacity of each of the pod's networks in a zone, in network order. */
  public List<ZoneCapacity> networkCapacities(String zone) {
    String key = zone == null ? "" : zone;
    List<ZoneCapacity> caps = networkCapacityByZone.get(key);
    if (caps == null) {
      caps = resolution.networks().stream().map(n -> withAssumed(n, zone)).toList();
      networkCapacityByZone.put(key, caps);
    }
    return caps;
  }

  private ZoneCapacity withAssumed(Network n, String zone) {
    ZoneCapacity c = capacities.of(n, zone);
    return assumed.isEmpty() || !c.touches(assumed)
        ? c
        : capacities.compute(n.spec().vSwitchIds(), zone, assumed);
  }

  /** Capacity of the node's default network (its effective eni-config) in its zone. */
  public ZoneCapacity defaultCapacity(NodeShape node) {
    ZoneCapacity c = node.defaultCapacity();
    if (assumed.isEmpty() || node.config() == null) {
      return c;
    }
    ZoneCapacity adjusted = assumedDefault.get(c);
    if (adjusted == null) {
      adjusted =
          c.touches(assumed)
              ? capacities.compute(node.config().vSwitchesIn(node.zone()), node.zone(), assumed)
              : c;
      assumedDefault.put(c, adjusted);
    }
    return adjusted;
  }

  /**
   * Adds the vSwitches the pod would draw its IPs from on this node: what to hold for it until its
   * binding is seen.
   */
  void claimOn(NodeShape node, Set<String> out) {
    if (unmanaged() || pin != null) {
      return;
    }
    if (usesDefaultNetwork()) {
      if (node.config() != null) {
        addPick(defaultCapacity(node), node.config().selectionPolicy(), out);
      }
      return;
    }
    List<ZoneCapacity> caps = networkCapacities(node.zone());
    for (int i = 0; i < caps.size(); i++) {
      addPick(caps.get(i), resolution.networks().get(i).spec().selectionPolicy(), out);
    }
  }

  /**
   * What the node's claims depend on besides the pod: its zone for PodNetworkings, its default
   * network's capacity otherwise. Nodes with the same key (by identity) claim the same vSwitches.
   */
  Object claimKey(NodeShape node) {
    if (usesDefaultNetwork()) {
      return node.defaultCapacity();
    }
    return node.zone() == null ? NO_ZONE : node.zone();
  }

  private static void addPick(ZoneCapacity cap, SelectionPolicy policy, Set<String> out) {
    String id = cap.pick(policy);
    if (id != null) {
      out.add(id);
    }
  }

  /** Where the pod's IP would live on this node. */
  public SlotKind slotKind(NodeShape node) {
    if (unmanaged() || node.virtual()) {
      return SlotKind.NONE;
    }
    if (usesDefaultNetwork()) {
      return node.eniOnly() ? SlotKind.EXCLUSIVE : SlotKind.SHARED;
    }
    return networkSlotKind;
  }

  /** A PodNetworking-style network takes a member ENI in a trunk cluster unless it asks for ENI. */
  private static SlotKind networkSlotKind(Resolution resolution, boolean trunkCluster) {
    boolean exclusive = false;
    for (Network n : resolution.networks()) {
      exclusive |= n.spec().eniType() == EniType.ENI;
    }
    return exclusive || !trunkCluster ? SlotKind.EXCLUSIVE : SlotKind.MEMBER;
  }

  /** ENI slots the pod needs: one per network. */
  public int slotCount() {
    return Math.max(1, resolution.networks().size());
  }

  /**
   * The reason of kind {@code kind} for {@code key} (may be null), built once per request: see
   * {@link ReasonMemo}.
   */
  <K> Reason reason(ReasonMemo<K> kind, K key, Supplier<Reason> build) {
    Map<Object, Reason> byKey = reasons.computeIfAbsent(kind, k -> new HashMap<>());
    Reason r = byKey.get(key);
    if (r == null) {
      r = build.get();
      byKey.put(key, r);
    }
    return r;
  }

  /** The reason of kind {@code kind}, which depends on nothing but the pod; built once. */
  Reason reason(ReasonMemo<Void> kind, Supplier<Reason> build) {
    return reason(kind, null, build);
  }

  /** The reason a shared zone capacity gives, built once per request. */
  Reason reason(ZoneCapacity capacity, Supplier<Reason> build) {
    Reason r = capacityReasons.get(capacity);
    if (r == null) {
      r = build.get();
      capacityReasons.put(capacity, r);
    }
    return r;
  }

  /**
   * Counts a note (e.g. unknown capacity) seen on that many nodes, even where the filter drops it.
   */
  void noted(ReasonId id, int nodes) {
    notes[id.ordinal()] += nodes;
  }

  /** Notes seen, by reason id. */
  Map<ReasonId, Integer> notes() {
    Map<ReasonId, Integer> out = new java.util.EnumMap<>(ReasonId.class);
    for (ReasonId id : ReasonId.values()) {
      if (notes[id.ordinal()] > 0) {
        out.put(id, notes[id.ordinal()]);
      }
    }
    return out;
  }

  /** The rejecting twin of an unknown-capacity note, for fail-closed operation; built once. */
  Reason failClosed(Reason unknown) {
    return failClosed.computeIfAbsent(
        unknown,
        u ->
            new Reason(
                ReasonId.CAPACITY_UNVERIFIED,
                u.message() + "; configured to hold pods back when capacity is unknown",
                u.detail()));
  }

  /** The single-reason verdict of the filter path, shared like its reason. */
  Verdict verdictOf(Reason reason) {
    return verdictCache.computeIfAbsent(reason, r -> new Verdict(r.id().code(), List.of(r)));
  }
}
