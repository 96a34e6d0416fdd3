package io.netplane.config.rules;

import java.util.Set;
import java.util.TreeSet;

/**
 * The node's zone must be one the pod's networks have vSwitches in. DaemonSet pods are never
 * rejected for zones (Terway adds no zone affinity to them); they get a note instead.
 */
final class ZoneRule implements NodeRule {
  private static final ReasonMemo<String> DAEMONSET_ZONE = new ReasonMemo<>("daemonset zone");
  private static final ReasonMemo<Void> NO_ZONE = new ReasonMemo<>("node without zone");
  private static final ReasonMemo<String> ZONE = new ReasonMemo<>("zone");
  private static final ReasonMemo<Void> ZONE_UNKNOWN = new ReasonMemo<>("vSwitch zone unknown");

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (pod.unmanaged() || !pod.resolution().usesNetworks()) {
      return null;
    }
    Set<String> allowed = pod.allowedZones();
    String zone = node.zone();
    if (allowed == null || (zone != null && allowed.contains(zone))) {
      return pod.zonesUncertain() ? uncertain(pod) : null;
    }
    if (pod.pod().daemonSet()) {
      return pod.reason(
          DAEMONSET_ZONE,
          zone,
          () ->
              Reason.builder(ReasonId.DAEMONSET_ZONE_RISK)
                  .with("zone", zone)
                  .with("allowedZones", new TreeSet<>(allowed))
                  .message(
                      "DaemonSet pod on a node in zone "
                          + zone
                          + " where its networks have no vSwitch "
                          + new TreeSet<>(allowed)
                          + ": it will fail in ContainerCreating"));
    }
    if (zone == null) {
      return pod.reason(
          NO_ZONE,
          () ->
              Reason.builder(ReasonId.NODE_ZONE_UNKNOWN)
                  .with("allowedZones", new TreeSet<>(allowed))
                  .message("node has no topology.kubernetes.io/zone label"));
    }
    return pod.reason(
        ZONE,
        zone,
        () ->
            Reason.builder(ReasonId.ZONE_MISMATCH)
                .with("zone", zone)
                .with("allowedZones", new TreeSet<>(allowed))
                .with("networks", pod.resolution().networks().stream().map(Network::name).toList())
                .message(
                    "node zone "
                        + zone
                        + " is not among the zones of the pod's vSwitches "
                        + new TreeSet<>(allowed)));
  }

  private static Reason uncertain(PodContext pod) {
    return pod.reason(
        ZONE_UNKNOWN,
        () -> {
          Set<String> unknown = new TreeSet<>();
          pod.resolution().networks().forEach(n -> unknown.addAll(n.unknownVSwitches()));
          return Reason.builder(ReasonId.ZONE_UNKNOWN)
              .with("vSwitchIds", unknown)
              .message("zone of vSwitches " + unknown + " is unknown; not filtering on it");
        });
  }
}
