package io.netplane.config.rules;

import java.util.List;
import java.util.function.Supplier;

/**
 * Among the network's vSwitches in the node's zone, one must have free IPs after in-flight
 * reservations. Unknown capacity is not zero: it passes with a note.
 */
final class FreeIpRule implements NodeRule {
  @Override
  public Reason check(PodContext pod, NodeFacts node) {
    if (pod.unmanaged() || pod.pin() != null) {
      return null; // a pinned fixed-IP pod already owns its IP
    }
    if (pod.usesDefaultNetwork()) {
      if (node.overrideMissing()) {
        return null;
      }
      return judge(pod, pod.defaultCapacity(node), () -> "eni-config " + node.config().name());
    }
    Reason note = null;
    List<ZoneCapacity> caps = pod.networkCapacities(node.zone());
    for (int i = 0; i < caps.size(); i++) {
      if (caps.get(i).status() == ZoneCapacity.Status.NO_VSWITCH) {
        continue; // the zone rule owns this case
      }
      Network network = pod.resolution().networks().get(i);
      Reason r = judge(pod, caps.get(i), network::name);
      if (r != null && r.id().rejects()) {
        return r;
      }
      note = note == null ? r : note;
    }
    return note;
  }

  private static Reason judge(PodContext pod, ZoneCapacity cap, Supplier<String> source) {
    if (cap.status() == ZoneCapacity.Status.ROOM) {
      return null;
    }
    // capacities are shared per network and zone, so the reason is too
    return pod.cached(cap, () -> reason(cap, source.get()));
  }

  private static Reason reason(ZoneCapacity cap, String source) {
    return switch (cap.status()) {
      case EXHAUSTED ->
          Reason.builder(ReasonId.VSWITCHES_EXHAUSTED)
              .with("zone", cap.zone())
              .with("network", source)
              .with("freeIps", cap.free())
              .message(
                  "no free IPs in zone "
                      + cap.zone()
                      + ": vSwitches "
                      + cap.free()
                      + " of "
                      + source
                      + " (free IPs after in-flight reservations)");
      case NO_VSWITCH ->
          Reason.builder(ReasonId.CAPACITY_UNKNOWN)
              .with("zone", cap.zone())
              .with("network", source)
              .message(
                  source
                      + " lists no vSwitch for zone "
                      + cap.zone()
                      + "; Terway falls back to the primary ENI's vSwitch, whose free IPs are unknown");
      case UNKNOWN, ROOM ->
          Reason.builder(ReasonId.CAPACITY_UNKNOWN)
              .with("zone", cap.zone())
              .with("network", source)
              .with("vSwitchIds", cap.unknownVSwitches())
              .message(
                  "free IPs of vSwitches " + cap.unknownVSwitches() + " are unknown; not filtering on them");
    };
  }
}
