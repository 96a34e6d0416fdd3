package io.netplane.config.rules;

import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodNetworking;
import io.netplane.config.model.VSwitch;
import java.util.HashMap;
import java.util.Map;

/** Zone of each known vSwitch: the cloud inventory first, else a PodNetworking's status. */
public final class VSwitchZones {
  private final Map<String, String> zones = new HashMap<>();

  public VSwitchZones(ClusterSnapshot snapshot) {
    for (PodNetworking pn : snapshot.podNetworkings()) {
      pn.statusVSwitches().forEach(v -> zones.put(v.id(), v.zone()));
    }
    for (VSwitch v : snapshot.vSwitches().values()) {
      zones.put(v.id(), v.zone());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VSwitchZones other && zones.equals(other.zones);
  }

  @Override
  public int hashCode() {
    return zones.hashCode();
  }

  /** Null when nothing says where the vSwitch lives. */
  public String zoneOf(String vSwitchId) {
    return zones.get(vSwitchId);
  }
}
