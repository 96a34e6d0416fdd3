package io.netplane.config.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One request's work over a snapshot index: the filter rules' verdict per node (once per shared
 * shape where shapes tell the pod's needs apart, else per node), scores, and the vSwitches to hold
 * for the pod. One per request, like its {@link PodContext}.
 */
final class RequestEvaluator {
  private final NodeIndex nodes;
  private final DecisionOptions options;
  private final ScoreNormaliser normaliser;
  private final PodContext ctx;

  RequestEvaluator(
      NodeIndex nodes, DecisionOptions options, ScoreNormaliser normaliser, PodContext ctx) {
    this.nodes = nodes;
    this.options = options;
    this.normaliser = normaliser;
    this.ctx = ctx;
  }

  /**
   * Decides the pod on the nodes {@code names} numbered {@code slots} (-1: not in the snapshot),
   * working out what {@code purpose} needs.
   */
  Decision decide(Decider decider, String[] names, int[] slots, Purpose purpose) {
    Verdict everyNode = everyNode();
    int n = names.length;
    NodeVerdicts.Numbering numbering = new NodeVerdicts.Numbering();
    int[] numbers = new int[n];
    // Nodes of one shape share a verdict, unless the pod needs more ENI slots than shapes tell
    // apart.
    boolean byShape = ctx.slotCount() <= NodeShape.SLOTS_TOLD_APART;
    // Filled only when the rules run per node: not when the network alone decides, nor for
    // exhaustive answers.
    Outcome[] outcomes =
        everyNode != null || purpose.exhaustive
            ? new Outcome[0]
            : new Outcome[byShape ? nodes.shapeCount() : nodes.size()];
    for (int i = 0; i < n; i++) {
      int slot = slots[i];
      if (slot < 0) {
        numbers[i] = numbering.of(unknownNode(names[i]));
      } else if (everyNode != null) {
        numbers[i] = numbering.of(everyNode);
      } else if (purpose.exhaustive) {
        numbers[i] = numbering.of(allReasons(nodes.shape(slot)));
      } else {
        int key = byShape ? nodes.shapeId(slot) : slot;
        Outcome outcome = outcomes[key];
        if (outcome == null) {
          outcome = new Outcome(byShape ? nodes.sharedShape(key) : nodes.shape(slot));
          outcome.number = numbering.of(outcome.verdict);
          outcomes[key] = outcome;
        }
        outcome.nodes++;
        numbers[i] = outcome.number;
      }
    }
    for (Outcome outcome : outcomes) {
      if (outcome != null) {
        outcome.notes.forEach(id -> ctx.noted(id, outcome.nodes));
      }
    }
    Verdict[] distinct = numbering.verdicts();
    // When the network alone decides every node scores 0: unmanaged pods fit everywhere with 0,
    // invalid ones fit nowhere.
    int[] scores =
        purpose.skipScores || everyNode != null
            ? new int[n]
            : normaliser.scores(ctx, fit(slots, distinct, numbers));
    Set<String> claims = purpose == Purpose.FILTER ? claims(outcomes) : Set.of();
    return new Decision(
        decider, ctx, new NodeVerdicts(names, distinct, numbers, scores, slots), claims);
  }

  /**
   * The filter path's answer for the nodes of {@code shape}: the first rejecting reason, and the
   * notes the rules left before it, counted once per node.
   */
  private final class Outcome {
    final NodeShape shape;
    final List<ReasonId> notes = new ArrayList<>(0);
    final Verdict verdict;
    int number;
    int nodes;

    Outcome(NodeShape shape) {
      this.shape = shape;
      this.verdict = firstRejection(shape);
    }

    private Verdict firstRejection(NodeShape node) {
      for (NodeRule rule : Rules.FILTERS) {
        Reason r = check(node, rule);
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

  /** The fit nodes the snapshot knows, with their shapes: what scores are made of. */
  private FitNodes fit(int[] slots, Verdict[] distinct, int[] numbers) {
    boolean[] fits = new boolean[distinct.length];
    for (int k = 0; k < distinct.length; k++) {
      fits[k] = distinct[k].fits();
    }
    NodeShape[] fit = new NodeShape[slots.length];
    int[] shapeIds = new int[slots.length];
    for (int i = 0; i < slots.length; i++) {
      if (fits[numbers[i]] && slots[i] >= 0) {
        fit[i] = nodes.shape(slots[i]);
        shapeIds[i] = nodes.shapeId(slots[i]);
      }
    }
    return new FitNodes(fit, shapeIds, nodes.shapeCount());
  }

  /** The vSwitches the pod would draw from on its fit nodes. */
  private Set<String> claims(Outcome[] outcomes) {
    Set<String> claims = new HashSet<>();
    Set<Object> keys = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Outcome outcome : outcomes) {
      if (outcome != null && outcome.verdict.fits() && keys.add(ctx.claimKey(outcome.shape))) {
        ctx.claimOn(outcome.shape, claims);
      }
    }
    return claims;
  }

  /** The verdict of every known node when the pod's network alone decides, else null. */
  private Verdict everyNode() {
    if (ctx.resolution().kind() == Resolution.Kind.INVALID) {
      return new Verdict(Code.UNRESOLVABLE, List.of(ctx.resolution().invalid()));
    }
    return ctx.unmanaged() ? Verdict.FIT : null;
  }

  /** Every reason of every rule, notes included (explain and simulate). */
  private Verdict allReasons(NodeShape node) {
    List<Reason> reasons = null;
    for (NodeRule rule : Rules.FILTERS) {
      Reason r = check(node, rule);
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

  private Reason check(NodeShape node, NodeRule rule) {
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
}
