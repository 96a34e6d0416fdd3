package io.netplane.config.rules;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The decision core over one immutable snapshot: {@link #decide} answers for a pod and a set of
 * nodes. What does not depend on the pod is derived once, in a {@link SnapshotIndex}; each request
 * is a {@link RequestEvaluator} over the pod's {@link PodContext}, scored by a {@link
 * ScoreNormaliser}. Thread-safe after construction.
 */
public final class Decider {
  static final List<Scorer> SCORERS = List.of(new IpHeadroomScorer(), new EniSlotScorer());

  private final SnapshotIndex index;
  private final DecisionOptions options;
  private final ScoreNormaliser normaliser;

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
    this.index = new SnapshotIndex(snapshot, previous == null ? null : previous.index);
    this.options = options;
    this.normaliser = new ScoreNormaliser(SCORERS, options.scoring());
  }

  public ClusterSnapshot snapshot() {
    return index.snapshot();
  }

  public NetworkResolver resolver() {
    return index.resolver();
  }

  /** In-flight reservations per vSwitch. */
  public Map<String, Long> reservations() {
    return index.reservations();
  }

  public NodeFacts facts(String node) {
    int slot = slot(node);
    return slot < 0 ? null : index.nodes().facts(slot);
  }

  /** The node's number in the snapshot, or -1 when it has no such node. */
  int slot(String node) {
    return index.nodes().slot(node);
  }

  /** The shape, with exact counts, of the node numbered {@code slot}. */
  NodeShape shapeAt(int slot) {
    return index.nodes().shape(slot);
  }

  /** How many nodes the snapshot has; they are numbered 0..n-1 ({@link NodeVerdicts#slot}). */
  public int nodeCount() {
    return index.nodes().size();
  }

  public String nodeName(int slot) {
    return index.nodes().name(slot);
  }

  /** Decides every node of the snapshot, with every reason (for explain and simulate). */
  public Decision decideAll(PodView pod) {
    return decide(pod, snapshot().nodes().keySet(), Purpose.EXPLAIN);
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
    PodContext ctx = index.context(pod, index.resolver().resolveAlike(pod), assumed);
    String[] names;
    int[] slots;
    if (nodeNames instanceof NumberedNames numbered) {
      names = numbered.names();
      slots = numbered.slotsIn(this);
    } else {
      names = nodeNames.toArray(new String[0]);
      slots = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        slots[i] = slot(names[i]);
      }
    }
    return new RequestEvaluator(index.nodes(), options, normaliser, ctx)
        .decide(this, names, slots, purpose);
  }
}
