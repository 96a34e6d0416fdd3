package io.netplane.config.rules;

import io.netplane.config.model.SelectionPolicy;
import java.util.List;

/**
 * Room in the node's zone as Terway's selection policy will see it; with several networks, the
 * tightest one counts.
 */
final class IpHeadroomScorer implements Scorer {
  @Override
  public double raw(PodContext pod, NodeShape node) {
    if (pod.pin() != null) {
      return Double.NaN; // the IP already exists; vSwitch room is irrelevant
    }
    if (pod.usesDefaultNetwork()) {
      if (node.config() == null) {
        return Double.NaN;
      }
      return pod.defaultCapacity(node).headroom(node.config().selectionPolicy());
    }
    List<ZoneCapacity> caps = pod.networkCapacities(node.zone());
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < caps.size(); i++) {
      SelectionPolicy policy = pod.resolution().networks().get(i).spec().selectionPolicy();
      double h = caps.get(i).headroom(policy);
      if (Double.isNaN(h)) {
        return h;
      }
      min = Math.min(min, h);
    }
    return caps.isEmpty() ? Double.NaN : min;
  }

  /** Zone, effective eni-config and default-network capacity: all of the shared shape. */
  @Override
  public boolean readsSharedShapeOnly() {
    return true;
  }
}
