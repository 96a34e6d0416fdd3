package io.netplane.config.rules;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision core over one immutable snapshot: {@link #decide} answers for a pod and a set of
 * nodes. Everything that does not depend on the pod (node facts, usage, reservations, zone
 * capacities) is derived once here. Thread-safe after construction.
 */
public final class Decider {
  private final ClusterSnapshot snapshot;
  private final DecisionOptions options;
  private final NetworkResolver resolver;
  private final FreeIps freeIps;
  private final CapacityIndex capacities;
  private final NodeIndex nodes;
  private final boolean trunkCluster;
  // One String per zone: requests key their per-zone memos by a node's zone, and equal instances
  // compare by identity there instead of by content, thousands of times a request.
  private final Map<String, String> zoneNames = new HashMap<>();
  private final List<Scorer> scorers = List.of(new IpHeadroomScorer(), new EniSlotScorer());

  public Decider(ClusterSnapshot snapshot, ScoringStrategy strategy) {
    this(snapshot, new DecisionOptions(strategy, DecisionOptions.UnknownCapacity.ALLOW), null);
  }

  public Decider(ClusterSnapshot snapshot, ScoringStrategy strategy, Decider previous) {
    this(snapshot, new DecisionOptions(strategy, DecisionOptions.UnknownCapacity.ALLOW), previous);
  }

  /**
   * A decider over a new snapshot of a changing cluster; {@code previous} (may be null) lends its
   * network resolutions of pods that did not change.
   */
  public Decider(ClusterSnapshot snapshot, DecisionOptions options, Decider previous) {
    this.snapshot = snapshot;
    this.options = options;
    VSwitchZones zones = new VSwitchZones(snapshot);
    this.resolver =
        new NetworkResolver(snapshot, zones, previous == null ? null : previous.resolver);
    this.freeIps = new FreeIps(snapshot.vSwitches());
    this.capacities = new CapacityIndex(zones, freeIps);
    this.trunkCluster = snapshot.baseConfig() != null && snapshot.baseConfig().trunking();

    // Only the configs nodes use: every kube-system ConfigMap is an override, most of them unused.
    Map<String, EniConfig> configs = new LinkedHashMap<>();
    if (snapshot.baseConfig() != null) {
      configs.put(snapshot.baseConfig().name(), snapshot.baseConfig());
    }
    Map<String, Usage> usage = new HashMap<>();
    List<PodView> inFlight = new ArrayList<>();
    Map<String, NodeFacts> bare = new HashMap<>();
    for (NodeView n : snapshot.nodes().values()) {
      NodeFacts facts = facts(n, Usage.NONE, false);
      bare.put(n.name(), facts);
      if (facts.config() != null) {
        configs.putIfAbsent(facts.config().name(), facts.config());
      }
    }
    for (PodView p : snapshot.pods()) {
      NodeFacts node = p.nodeName() == null || p.finished() ? null : bare.get(p.nodeName());
      if (node == null) {
        continue;
      }
      PodContext ctx = context(p, resolver.resolveAndRemember(p));
      if (ctx.unmanaged() || ctx.resolution().kind() == Resolution.Kind.INVALID) {
        continue;
      }
      usage
          .computeIfAbsent(node.name(), k -> new Usage())
          .add(p, ctx.slotKind(node), ctx.slotCount());
      if (p.ipInFlight() && ctx.pin() == null) {
        inFlight.add(p);
      }
    }
    // Reservations change free IPs, so they are taken against fresh capacities before preparing.
    for (PodView p : inFlight) {
      reserve(context(p, resolver.resolveAndRemember(p)), bare.get(p.nodeName()));
    }
    List<Network> networks = new ArrayList<>();
    snapshot.podNetworkings().forEach(pn -> networks.add(resolver.network(pn.name())));
    // the facts' own zone strings, so that lookups by a node's zone match by identity
    capacities.prepare(networks, configs, new HashSet<>(zoneNames.values()));
    this.nodes =
        new NodeIndex(
            List.copyOf(snapshot.nodes().keySet()),
            name -> facts(snapshot.nodes().get(name), usage.getOrDefault(name, Usage.NONE), true));
  }

  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  public NetworkResolver resolver() {
    return resolver;
  }

  /** In-flight reservations per vSwitch. */
  public Map<String, Long> reservations() {
    return freeIps.reservations();
  }

  public NodeFacts facts(String node) {
    int slot = nodes.slot(node);
    return slot < 0 ? null : nodes.facts(slot);
  }

  /** The node's number in the snapshot, or -1 when it has no such node. */
  int slot(String node) {
    return nodes.slot(node);
  }

  /** The facts of the node numbered {@code slot}. */
  NodeFacts factsAt(int slot) {
    return nodes.facts(slot);
  }

  /** How many nodes the snapshot has; they are numbered 0..n-1 ({@link NodeVerdicts#slot}). */
  public int nodeCount() {
    return nodes.size();
  }

  public String nodeName(int slot) {
    return nodes.name(slot);
  }

  /** Decides every node of the snapshot, with every reason (for explain and simulate). */
  public Decision decideAll(PodView pod) {
    return decide(pod, snapshot.nodes().keySet(), Purpose.EXPLAIN);
  }

  /** Decides the pod on the given nodes, in their order, working out what {@code purpose} needs. */
  public Decision decide(PodView pod, Collection<String> nodeNames, Purpose purpose) {
    return decide(pod, nodeNames, purpose, Map.of());
  }

  /**
   * Like {@link #decide(PodView, Collection, Purpose)}, with IPs {@code assumed} taken by other
   * pods (vSwitch id to count) that passed the filter but whose binding the snapshot does not show
   * yet. The decision's {@link Decision#claims()} say what to hold for this pod in turn. Names
   * given as {@link NumberedNames} of this decider are not looked up again.
   */
  public Decision decide(
      PodView pod, Collection<String> nodeNames, Purpose purpose, Map<String, Long> assumed) {
    PodContext ctx = context(pod, resolver.resolve(pod), assumed);
    Verdict everyNode = everyNode(ctx);
    int n = nodeNames.size();
    String[] names;
    int[] slots;
    if (nodeNames instanceof NumberedNames numbered) {
      names = numbered.names();
      slots = numbered.slotsIn(this);
    } else {
      names = nodeNames.toArray(new String[n]);
      slots = slotsOf(names);
    }
    Verdict[] verdicts = new Verdict[n];
    // Nodes of one shape share a verdict, unless the pod needs more ENI slots than shapes tell
    // apart.
    boolean byShape = ctx.slotCount() <= NodeShape.SLOTS_TOLD_APART;
    Outcome[] outcomes = new Outcome[byShape ? nodes.shapeCount() : nodes.size()];
    for (int i = 0; i < n; i++) {
      int slot = slots[i];
      if (slot < 0) {
        verdicts[i] = unknownNode(names[i]);
      } else if (everyNode != null) {
        verdicts[i] = everyNode;
      } else if (purpose.exhaustive) {
        verdicts[i] = allReasons(ctx, nodes.facts(slot));
      } else {
        int key = byShape ? nodes.shapeId(slot) : slot;
        Outcome outcome = outcomes[key];
        if (outcome == null) {
          outcome = new Outcome(ctx, nodes.facts(byShape ? nodes.shapeExample(key) : slot));
          outcomes[key] = outcome;
        }
        outcome.nodes++;
        verdicts[i] = outcome.verdict;
      }
    }
    for (Outcome outcome : outcomes) {
      if (outcome != null) {
        outcome.notes.forEach(id -> ctx.noted(id, outcome.nodes));
      }
    }
    int[] scores = purpose.skipScores ? new int[n] : scores(ctx, slots, verdicts);
    Set<String> claims = purpose == Purpose.FILTER ? claims(ctx, outcomes) : Set.of();
    return new Decision(this, ctx, names, slots, verdicts, scores, claims);
  }

  private int[] slotsOf(String[] names) {
    int[] slots = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      slots[i] = nodes.slot(names[i]);
    }
    return slots;
  }

  /**
   * The filter path's answer for the nodes like {@code example}: the first rejecting reason, and
   * the notes the rules left before it, counted once per node.
   */
  private final class Outcome {
    final NodeFacts example;
    final List<ReasonId> notes = new ArrayList<>(0);
    final Verdict verdict;
    int nodes;

    Outcome(PodContext ctx, NodeFacts example) {
      this.example = example;
      this.verdict = firstRejection(ctx, example);
    }

    private Verdict firstRejection(PodContext ctx, NodeFacts node) {
      for (NodeRule rule : Rules.FILTERS) {
        Reason r = check(ctx, node, rule);
        if (r == null) {
          continue;
        }
        if (!r.id().rejects()) {
          notes.add(r.id());
          continue;
        }
        return ctx.verdictOf(r);
      }
      return Verdict.FIT;
    }
  }

  /** The vSwitches the pod would draw from on its fit nodes. */
  private static Set<String> claims(PodContext ctx, Outcome[] outcomes) {
    Set<String> claims = new HashSet<>();
    Set<Object> keys = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Outcome outcome : outcomes) {
      if (outcome != null && outcome.verdict.fits() && keys.add(ctx.claimKey(outcome.example))) {
        ctx.claimOn(outcome.example, claims);
      }
    }
    return claims;
  }

  /** The verdict of every known node when the pod's network alone decides, else null. */
  private static Verdict everyNode(PodContext ctx) {
    if (ctx.resolution().kind() == Resolution.Kind.INVALID) {
      return new Verdict(Code.UNRESOLVABLE, List.of(ctx.resolution().invalid()));
    }
    return ctx.unmanaged() ? Verdict.FIT : null;
  }

  /** Every reason of every rule, notes included (explain and simulate). */
  private Verdict allReasons(PodContext ctx, NodeFacts node) {
    List<Reason> reasons = null;
    for (NodeRule rule : Rules.FILTERS) {
      Reason r = check(ctx, node, rule);
      if (r == null) {
        continue;
      }
      if (!r.id().rejects()) {
        ctx.noted(r.id(), 1);
      }
      if (reasons == null) {
        reasons = new ArrayList<>(2);
      }
      reasons.add(r);
    }
    return reasons == null ? Verdict.FIT : Verdict.of(reasons);
  }

  private Reason check(PodContext ctx, NodeFacts node, NodeRule rule) {
    Reason r = rule.check(ctx, node);
    if (r != null
        && r.id() == ReasonId.CAPACITY_UNKNOWN
        && options.unknownCapacity() == DecisionOptions.UnknownCapacity.REJECT) {
      return ctx.failClosed(r);
    }
    return r;
  }

  private static Verdict unknownNode(String name) {
    return new Verdict(
        Code.UNSCHEDULABLE,
        List.of(
            Reason.builder(ReasonId.NODE_UNKNOWN)
                .with("node", name)
                .message("node " + name + " is not in netplane's snapshot")));
  }

  /** Scores 0..10 per node, each signal normalised over the fit nodes of this request. */
  private int[] scores(PodContext ctx, int[] slots, Verdict[] verdicts) {
    int[] out = new int[slots.length];
    if (ctx.unmanaged()) {
      return out;
    }
    NodeFacts[] fit = new NodeFacts[slots.length];
    for (int i = 0; i < slots.length; i++) {
      fit[i] = verdicts[i].fits() && slots[i] >= 0 ? nodes.facts(slots[i]) : null;
    }
    double[] sum = new double[slots.length];
    double[] raw = new double[slots.length];
    for (int s = 0; s < scorers.size(); s++) {
      Scorer scorer = scorers.get(s);
      double max = 0;
      for (int i = 0; i < slots.length; i++) {
        raw[i] = fit[i] != null ? scorer.raw(ctx, fit[i]) : Double.NaN;
        if (!Double.isNaN(raw[i])) {
          max = Math.max(max, raw[i]);
        }
      }
      boolean invert = s == scorers.size() - 1 && options.scoring() == ScoringStrategy.PACK;
      for (int i = 0; i < slots.length; i++) {
        double normalised = Double.isNaN(raw[i]) ? 0.5 : max <= 0 ? 0 : raw[i] / max;
        sum[i] += invert && !Double.isNaN(raw[i]) ? 1 - normalised : normalised;
      }
    }
    for (int i = 0; i < slots.length; i++) {
      if (verdicts[i].fits()) {
        long score = Math.round(10 * sum[i] / scorers.size());
        out[i] = (int) Math.max(0, Math.min(10, score));
      }
    }
    return out;
  }

  private PodContext context(PodView pod, Resolution resolution) {
    return context(pod, resolution, Map.of());
  }

  private PodContext context(PodView pod, Resolution resolution, Map<String, Long> assumed) {
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
    var alloc = eni.allocation();
    if (alloc.releaseStrategy() == io.netplane.config.model.Allocation.ReleaseStrategy.TTL
        && alloc.releaseAfter() != null
        && eni.podLastSeen() != null
        && !eni.podLastSeen().plus(alloc.releaseAfter()).isAfter(snapshot.takenAt())) {
      return null;
    }
    return eni;
  }

  private void reserve(PodContext ctx, NodeFacts node) {
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

  private void take(ZoneCapacity cap, io.netplane.config.model.SelectionPolicy policy) {
    String id = cap.pick(policy);
    if (id == null && cap.status() == ZoneCapacity.Status.EXHAUSTED) {
      // a pod bound beyond the free IPs still counts, so an overshoot shows in the ledger
      id = cap.free().keySet().iterator().next();
    }
    if (id != null) {
      freeIps.reserve(id);
    }
  }

  /** The node's facts; {@code prepared}: capacities are final, so its default one is known. */
  private NodeFacts facts(NodeView n, Usage usage, boolean prepared) {
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
    return new NodeFacts(
        n,
        config,
        type,
        trunkCapable(n, config, type),
        sharedCapacity(n, config, type),
        usage.shared,
        free(n.allocatableMemberEni(), usage.member),
        free(n.allocatableEni(), usage.exclusive),
        zone,
        n.virtual(),
        n.eniOnly(),
        n.trunkEniId() != null,
        n.insufficientIp(),
        prepared ? capacities.ofDefault(config, zone) : null);
  }

  private static Boolean trunkCapable(NodeView n, EniConfig config, InstanceType type) {
    if (n.eniOnly() || (config != null && !config.trunking())) {
      return false;
    }
    if (n.trunkEniId() != null) {
      return true;
    }
    return type == null ? null : type.memberEniLimit() > 0;
  }

  /**
   * The annotation Terway writes, else Terway's formula: {@code (int(EniQuantity * eni_cap_ratio) +
   * eni_cap_shift - 1)} ENIs, capped by {@code max_eni}, times IPs per ENI.
   */
  private static Integer sharedCapacity(NodeView n, EniConfig config, InstanceType type) {
    if (n.maxAvailableIp() != null) {
      return n.maxAvailableIp();
    }
    if (type == null) {
      return null;
    }
    double ratio = config == null ? 1 : config.eniCapRatio();
    int shift = config == null ? 0 : config.eniCapShift();
    int enis = (int) (type.eniQuantity() * ratio) + shift - 1;
    if (config != null && config.maxEni() != null && config.maxEni() > 0) {
      enis = Math.min(enis, config.maxEni());
    }
    return Math.max(0, enis) * type.ipsPerEni();
  }

  private static Long free(Long allocatable, long used) {
    return allocatable == null ? null : Math.max(0, allocatable - used);
  }

  /** What the pods bound to one node consume. */
  private static final class Usage {
    static final Usage NONE = new Usage();
    int shared;
    long member;
    long exclusive;

    void add(PodView p, SlotKind kind, int count) {
      long explicit = p.memberEniRequest() + p.eniRequest();
      member += p.memberEniRequest();
      exclusive += p.eniRequest();
      // Pods Terway's webhook has not patched still take their slot.
      switch (kind) {
        case SHARED -> shared += explicit == 0 ? 1 : 0;
        case MEMBER -> member += explicit == 0 ? count : 0;
        case EXCLUSIVE -> exclusive += explicit == 0 ? count : 0;
        case NONE -> {}
      }
    }
  }
}
