package io.netplane.config.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zone capacities of every PodNetworking and every effective eni-config, computed once per
 * snapshot (they do not depend on the pod). Explicit {@code pod-networks} are computed on demand.
 */
final class CapacityIndex {
  private final VSwitchZones zones;
  private final FreeIps freeIps;
  private final Map<String, Map<String, ZoneCapacity>> byNetwork = new HashMap<>();
  private final Map<String, Map<String, ZoneCapacity>> byConfig = new HashMap<>();

  CapacityIndex(VSwitchZones zones, FreeIps freeIps) {
    this.zones = zones;
    this.freeIps = freeIps;
  }

  /** Precomputes the capacities requests will look up; call after reservations are final. */
  void prepare(
      List<Network> networks, Map<String, io.netplane.config.model.EniConfig> configs, Set<String> nodeZones) {
    for (Network n : networks) {
      Map<String, ZoneCapacity> perZone = new HashMap<>();
      nodeZones.forEach(z -> perZone.put(z, compute(n.spec().vSwitchIds(), z)));
      byNetwork.put(n.name(), perZone);
    }
    configs.forEach(
        (name, cfg) -> {
          Map<String, ZoneCapacity> perZone = new HashMap<>();
          nodeZones.forEach(z -> perZone.put(z, compute(cfg.vSwitchesIn(z), z)));
          byConfig.put(name, perZone);
        });
  }

  ZoneCapacity of(Network n, String zone) {
    Map<String, ZoneCapacity> perZone = byNetwork.get(n.name());
    ZoneCapacity c = perZone == null || zone == null ? null : perZone.get(zone);
    return c != null ? c : compute(n.spec().vSwitchIds(), zone);
  }

  ZoneCapacity ofDefault(NodeFacts node) {
    Map<String, ZoneCapacity> perZone = byConfig.get(node.configKey());
    ZoneCapacity c = perZone == null || node.zone() == null ? null : perZone.get(node.zone());
    if (c != null) {
      return c;
    }
    List<String> ids = node.config() == null ? List.of() : node.config().vSwitchesIn(node.zone());
    return compute(ids, node.zone());
  }

  ZoneCapacity compute(List<String> ids, String zone) {
    return ZoneCapacity.of(ids, zone, zones, freeIps::free);
  }

  /** Like {@link #compute}, with {@code assumed} IPs of other pods taken off as well. */
  ZoneCapacity compute(List<String> ids, String zone, Map<String, Long> assumed) {
    return ZoneCapacity.of(
        ids,
        zone,
        zones,
        id -> {
          Long f = freeIps.free(id);
          return f == null ? null : Math.max(0, f - assumed.getOrDefault(id, 0L));
        });
  }
}
