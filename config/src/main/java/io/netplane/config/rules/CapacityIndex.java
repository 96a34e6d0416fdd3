package io.netplane.config.rules;

import io.netplane.config.model.EniConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zone capacities of every PodNetworking and every effective eni-config, computed once per snapshot
 * (they do not depend on the pod). Explicit {@code pod-networks} are computed on demand.
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
  void prepare(List<Network> networks, Map<String, EniConfig> configs, Set<String> nodeZones) {
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

  /**
   * Capacity of a node's default network: its effective eni-config (null if missing), in its zone.
   */
  ZoneCapacity ofDefault(EniConfig config, String zone) {
    Map<String, ZoneCapacity> perZone = byConfig.get(config == null ? "" : config.name());
    ZoneCapacity c = perZone == null || zone == null ? null : perZone.get(zone);
    if (c != null) {
      return c;
    }
    return compute(config == null ? List.of() : config.vSwitchesIn(zone), zone);
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
