package io.netplane.config.rules;

import io.netplane.config.model.PodEni;
import io.netplane.config.model.PodView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything netplane decided for one pod: the network and why, the zones it allows, and a verdict
 * and score per node, in request order.
 *
 * @param allowedZones null when the networks do not constrain zones
 * @param pin the PodENI pinning a fixed IP, or null
 * @param claims vSwitches the pod would draw from on its fit nodes (filter decisions only): one IP
 *     of each is held for it until its binding shows in a snapshot
 * @param notes how many nodes got each note (such as unknown capacity), also where the filter
 *     path leaves notes out of the verdicts
 */
public record Decision(
    PodView pod,
    Resolution resolution,
    Set<String> allowedZones,
    PodEni pin,
    List<NodeDecision> nodes,
    Set<String> claims,
    Map<ReasonId, Integer> notes) {

  public Decision {
    nodes = List.copyOf(nodes);
    claims = Set.copyOf(claims);
    notes = Map.copyOf(notes);
  }

  /** The fit node with the highest score; ties go to the earlier node. */
  public Optional<NodeDecision> best() {
    NodeDecision best = null;
    for (NodeDecision n : nodes) {
      if (n.verdict().fits() && (best == null || n.score() > best.score())) {
        best = n;
      }
    }
    return Optional.ofNullable(best);
  }

  public long fitCount() {
    long fit = 0;
    for (NodeDecision n : nodes) {
      if (n.verdict().fits()) {
        fit++;
      }
    }
    return fit;
  }
}
