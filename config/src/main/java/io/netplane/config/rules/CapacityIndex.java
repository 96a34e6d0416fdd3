package io.netplane.config.rules;

import io.netplane.config.ledger.IpLedger;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.VSwitch;
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
  private final Map<String, VSwitch> vSwitches;
  private final IpLedger inFlight;
  private final Map<String, Map<String, ZoneCapacity>> byNetwork = new HashMap<>();
  private final Map<String, Map<String, ZoneCapacity>> byConfig = new HashMap<>();

  /**
   * @param inFlight the snapshot's in-flight reservations, taken off the cloud's free IPs
   */
  CapacityIndex(VSwitchZones zones, Map<String, VSwitch> vSwitches, IpLedger inFlight) {
    this.zones = zones;
    this.vSwitches = vSwitches;
    this.inFlight = inFlight;
  }

  /**
   * Free IPs of a vSwitch: the cloud's {@code AvailableIpAddressCount} minus in-flight reservations
   * (pods bound to a node that do not hold their IP yet; the cloud count does not show them). Null
   * when the cloud inventory does not know the vSwitch.
   */
  private Long free(String id) {
    VSwitch v = vSwitches.get(id);
    return inFlight.free(id, v == null ? null : v.availableIps());
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
    return ZoneCapacity.of(ids, zone, zones, this::free);
  }

  /** Like {@link #compute}, with {@code assumed} IPs of other pods taken off as well. */
  ZoneCapacity compute(List<String> ids, String zone, Map<String, Long> assumed) {
    return ZoneCapacity.of(
        ids, zone, zones, id -> IpLedger.left(free(id), assumed.getOrDefault(id, 0L)));
  }
}
