package io.netplane.agent.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.kube.EniConfigs;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pool node in a zone without a pod vSwitch: the override merges onto eni-config per zone (RFC
 * 7396), so its pods draw from the base config's vSwitches of that zone, or the node's primary ENI
 * vSwitch, and their IPs fall outside the whitelist.
 */
final class NodeZoneWithoutPodVSwitchCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    Map<String, List<String>> byZone = new TreeMap<>();
    for (ObservedNode n : ctx.members) {
      String zone = n.view().zone();
      if (zone != null && !ctx.podZones.contains(zone)) {
        byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(n.name());
      }
    }
    for (VSwitch v : ctx.nodeVSwitches) {
      if (!ctx.podZones.contains(v.zone())) {
        byZone.computeIfAbsent(v.zone(), z -> new ArrayList<>()).add("node vSwitch " + v.id());
      }
    }
    if (byZone.isEmpty() || ctx.podVSwitches.isEmpty()) {
      return List.of();
    }
    EniConfig base = base(ctx);
    List<Finding> out = new ArrayList<>();
    byZone.forEach(
        (zone, what) -> {
          List<String> fallback = base == null ? List.of() : base.vSwitchesIn(zone);
          out.add(
              new Finding(
                  FindingId.NODE_ZONE_WITHOUT_POD_VSWITCH,
                  zone,
                  String.join(", ", what)
                      + " in "
                      + zone
                      + ": the pool has no pod vSwitch there; pods draw from "
                      + (fallback.isEmpty()
                          ? "the node's primary ENI vSwitch"
                          : "base eni-config " + fallback)
                      + ", outside the whitelist"));
        });
    return out;
  }

  private static EniConfig base(PlanContext ctx) {
    ConfigMapState cm = ctx.observed.baseEniConfig();
    String conf = cm == null ? null : cm.data().get(PoolLabels.ENI_CONF);
    if (conf == null) {
      return null;
    }
    try {
      JsonNode node = EniConfigs.parse(cm.name(), conf);
      return EniConfigs.of(cm.name(), node);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
