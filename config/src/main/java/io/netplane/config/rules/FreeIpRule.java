package io.netplane.config.rules;

import io.netplane.config.model.EniConfig;
import java.util.List;

/**
 * Among the network's vSwitches in the node's zone, one must have free IPs after in-flight
 * reservations. Unknown capacity is not zero: it passes with a note.
 */
final class FreeIpRule implements NodeRule {
  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (pod.unmanaged() || pod.pin() != null) {
      return null; // a pinned fixed-IP pod already owns its IP
    }
    if (pod.usesDefaultNetwork()) {
      if (node.overrideMissing() || !node.config().loadable()) {
        return null; // the config rules' case: there are no vSwitches to count
      }
      ZoneCapacity cap = pod.defaultCapacity(node);
      EniConfig config = node.config();
      return cap.status() == ZoneCapacity.Status.ROOM
          ? null
          : pod.reason(cap, () -> reason(cap, "eni-config " + config.name()));
    }
    Reason note = null;
    List<ZoneCapacity> caps = pod.networkCapacities(node.zone());
    for (int i = 0; i < caps.size(); i++) {
      ZoneCapacity.Status status = caps.get(i).status();
      if (status == ZoneCapacity.Status.NO_VSWITCH || status == ZoneCapacity.Status.ROOM) {
        continue; // no vSwitch in the zone is the zone rule's case; room needs no reason
      }
      ZoneCapacity cap = caps.get(i);
      Network network = pod.resolution().networks().get(i);
      Reason r = pod.reason(cap, () -> reason(cap, network.name()));
      if (r != null && r.id().rejects()) {
        return r;
      }
      note = note == null ? r : note;
    }
    return note;
  }

  /** Why a capacity without room rejects or notes; built once per capacity and request. */
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
                  "free IPs of vSwitches "
                      + cap.unknownVSwitches()
                      + " are unknown; not filtering on them");
    };
  }
}
