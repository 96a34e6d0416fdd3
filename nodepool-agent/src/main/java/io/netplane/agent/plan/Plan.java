package io.netplane.agent.plan;

import io.netplane.agent.model.PoolNodes;
import java.util.List;

/**
 * What to do to bring one pool to its spec, computed from one observation. Applying it and planning
 * again gives an empty plan; planning after a partial apply gives the remaining steps.
 *
 * @param configMap the override ConfigMap step, or null when it is as wanted
 * @param nodePool the Container Service request, or null when none is needed
 * @param nodes the Nodes to patch, by name
 * @param findings warnings and errors; any ERROR blocks the apply
 * @param whitelistCidrs CIDR blocks of the pod vSwitches, sorted
 * @param nodePoolId the ACK node pool id when known
 * @param freePodIps free IPs of the pod vSwitches, null when unknown
 */
public record Plan(
    String pool,
    String configMapName,
    ConfigMapStep configMap,
    NodePoolStep nodePool,
    List<NodeStep> nodes,
    List<Finding> findings,
    List<String> whitelistCidrs,
    PoolNodes summary,
    String nodePoolId,
    Long freePodIps) {

  public Plan {
    nodes = List.copyOf(nodes);
    findings = List.copyOf(findings);
    whitelistCidrs = List.copyOf(whitelistCidrs);
  }

  public boolean hasChanges() {
    return configMap != null || nodePool != null || !nodes.isEmpty();
  }

  /** Any ERROR finding: the plan must not be applied. */
  public boolean blocked() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  public List<Finding> findings(FindingId id) {
    return findings.stream().filter(f -> f.id() == id).toList();
  }

  /** How many writes applying takes. */
  public int stepCount() {
    return (configMap != null ? 1 : 0) + (nodePool != null ? 1 : 0) + nodes.size();
  }
}
