package io.netplane.config.rules;

/** A fixed-IP pod whose PodENI is still live must return to the zone its IP lives in. */
final class FixedIpZoneRule implements NodeRule {
  private static final ReasonMemo<String> PINNED = new ReasonMemo<>("fixed IP zone");

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (pod.pin() == null || pod.pod().daemonSet()) {
      return null;
    }
    String pinned = pod.pin().zone();
    if (pinned.equals(node.zone())) {
      return null;
    }
    String zone = node.zone();
    return pod.reason(
        PINNED,
        zone,
        () ->
            Reason.builder(ReasonId.FIXED_IP_ZONE)
                .with("zone", zone)
                .with("pinnedZone", pinned)
                .with("podENI", pod.pin().namespace() + "/" + pod.pin().name())
                .message(
                    "fixed IP of PodENI "
                        + pod.pin().name()
                        + " lives in zone "
                        + pinned
                        + ", node is in "
                        + zone));
  }
}
