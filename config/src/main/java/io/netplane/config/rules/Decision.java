package io.netplane.config.rules;

import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything netplane decided for one pod: the network and why, the zones it allows, and a verdict
 * and score per node, in request order. Kept as arrays, since a request may name thousands of
 * nodes; {@link #nodes()} makes an object per node for the callers that want them.
 */
public final class Decision {
  private final Decider decider;
  private final PodContext ctx;
  private final PodView pod;
  private final Resolution resolution;
  private final Set<String> allowedZones;
  private final PodEni pin;
  private final NodeVerdicts verdicts;
  private final int fitCount;
  private final int[] rejectedBy = new int[ReasonId.COUNT];
  private final Set<String> claims;
  private final Map<ReasonId, Integer> notes;
  private List<NodeDecision> nodes;

  Decision(Decider decider, PodContext ctx, NodeVerdicts verdicts, Set<String> claims) {
    this.decider = decider;
    this.ctx = ctx;
    this.pod = ctx.pod();
    this.resolution = ctx.resolution();
    this.allowedZones = ctx.allowedZones();
    this.pin = ctx.pin();
    this.verdicts = verdicts;
    int[] nodesPerVerdict = new int[verdicts.distinctCount()];
    for (int i = 0; i < verdicts.size(); i++) {
      nodesPerVerdict[verdicts.verdictNumber(i)]++;
    }
    int fit = 0;
    for (int k = 0; k < nodesPerVerdict.length; k++) {
      Verdict v = verdicts.distinctVerdict(k);
      if (v.fits()) {
        fit += nodesPerVerdict[k];
      } else {
        rejectedBy[v.rejecting().id().ordinal()] += nodesPerVerdict[k];
      }
    }
    this.fitCount = fit;
    this.claims = Set.copyOf(claims);
    this.notes = Map.copyOf(ctx.notes());
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

  /** The PodENI pinning a fixed IP, or null. */
  public PodEni pin() {
    return pin;
  }

  /**
   * vSwitches the pod would draw from on its fit nodes (filter decisions only): one IP of each is
   * held for it until its binding shows in a snapshot.
   */
  public Set<String> claims() {
    return claims;
  }

  /**
   * How many nodes got each note (such as unknown capacity), also where the filter path leaves
   * notes out of the verdicts.
   */
  public Map<ReasonId, Integer> notes() {
    return notes;
  }

  /** The verdict and score of each node, by position. */
  public NodeVerdicts verdicts() {
    return verdicts;
  }

  public int size() {
    return verdicts.size();
  }

  public String node(int i) {
    return verdicts.node(i);
  }

  public Verdict verdict(int i) {
    return verdicts.verdict(i);
  }

  /** The decision of every node, in request order. */
  public synchronized List<NodeDecision> nodes() {
    if (nodes == null) {
      List<NodeDecision> out = new ArrayList<>(size());
      for (int i = 0; i < size(); i++) {
        int slot = verdicts.slot(i);
        String zone = slot < 0 ? null : decider.shapeAt(slot).zone();
        out.add(new NodeDecision(node(i), zone, verdict(i), verdicts.score(i)));
      }
      nodes = Collections.unmodifiableList(out);
    }
    return nodes;
  }

  /**
   * The vSwitches the pod would draw its IPs from on the {@code i}-th node, in configured order,
   * with their free IPs after in-flight reservations (null when unknown). Empty where it does not
   * fit, for a node netplane does not know, and when it needs no new IP (Terway leaves it alone, or
   * its fixed IP is pinned). For explain: computed on demand, never on the filter path.
   */
  public synchronized Map<String, Long> vSwitchesOn(int i) {
    int slot = verdicts.slot(i);
    if (slot < 0 || !verdict(i).fits() || ctx.unmanaged() || ctx.pin() != null) {
      return Map.of();
    }
    NodeShape node = decider.shapeAt(slot);
    Map<String, Long> out = new LinkedHashMap<>();
    if (ctx.usesDefaultNetwork()) {
      if (node.config() != null) {
        out.putAll(ctx.defaultCapacity(node).free());
      }
    } else {
      ctx.networkCapacities(node.zone()).forEach(c -> out.putAll(c.free()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The fit node with the highest score that kube-scheduler could bind to (not cordoned); ties go
   * to the earlier node.
   */
  public Optional<NodeDecision> best() {
    int best = -1;
    for (int i = 0; i < size(); i++) {
      if (verdict(i).fits()
          && !cordoned(i)
          && (best < 0 || verdicts.score(i) > verdicts.score(best))) {
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(nodes().get(best));
  }

  /** The node at {@code i} is cordoned: kube-scheduler's own filter keeps every new pod off it. */
  public boolean cordoned(int i) {
    NodeView n = decider.snapshot().nodes().get(node(i));
    return n != null && n.cordoned();
  }

  public long fitCount() {
    return fitCount;
  }

  /** How many nodes {@code id} rejected, counting the first rejecting reason of each node. */
  public int rejectedBy(ReasonId id) {
    return rejectedBy[id.ordinal()];
  }
}
