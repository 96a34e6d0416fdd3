package io.netplane.config.rules;

import io.netplane.config.model.VSwitch;
import java.util.HashMap;
import java.util.Map;

/**
 * Free IPs per vSwitch: the cloud's {@code AvailableIpAddressCount} minus in-flight reservations
 * (pods bound to a node that do not hold their IP yet; the cloud count does not show them).
 */
final class FreeIps {
  private final Map<String, VSwitch> vSwitches;
  private final Map<String, Long> reserved = new HashMap<>();

  FreeIps(Map<String, VSwitch> vSwitches) {
    this.vSwitches = vSwitches;
  }

  /** Null when the cloud inventory does not know the vSwitch. */
  Long free(String id) {
    VSwitch v = vSwitches.get(id);
    if (v == null || v.availableIps() == null) {
      return null;
    }
    return Math.max(0, v.availableIps() - reserved.getOrDefault(id, 0L));
  }

  void reserve(String id) {
    reserved.merge(id, 1L, Long::sum);
  }

  long reserved(String id) {
    return reserved.getOrDefault(id, 0L);
  }

  Map<String, Long> reservations() {
    return Map.copyOf(reserved);
  }
}
