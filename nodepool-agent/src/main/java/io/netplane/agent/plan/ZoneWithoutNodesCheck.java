package io.netplane.agent.plan;

import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pod vSwitch in a zone where the pool has no node (and, for a pool to create, no node vSwitch)
 * is never used: its CIDR is whitelisted for nothing.
 */
final class ZoneWithoutNodesCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    Set<String> nodeZones = new TreeSet<>();
    ctx.members.forEach(
        n -> {
          if (n.view().zone() != null) {
            nodeZones.add(n.view().zone());
          }
        });
    ctx.nodeVSwitches.forEach(v -> nodeZones.add(v.zone()));
    List<Finding> out = new ArrayList<>();
    for (VSwitch v : ctx.podVSwitches) {
      if (!nodeZones.contains(v.zone())) {
        out.add(
            new Finding(
                FindingId.ZONE_WITHOUT_NODES,
                v.zone(),
                "pod vSwitch "
                    + v.id()
                    + " is in "
                    + v.zone()
                    + " where the pool has no node"
                    + (nodeZones.isEmpty()
                        ? ""
                        : " (node zones: " + String.join(", ", nodeZones) + ")")));
      }
    }
    return out;
  }
}
