package io.netplane.config.rules;

import io.netplane.config.model.Labels;

/**
 * A pod on the shared ENIs needs a secondary IP slot: {@code max-available-ip} (or the instance
 * type's formula) minus the pods already drawing from them, and no {@code SufficientIP=False}.
 */
final class SharedIpCapacityRule implements NodeRule {
  private static final ReasonMemo<Void> INSUFFICIENT_IP = new ReasonMemo<>("SufficientIP=False");
  private static final ReasonMemo<Void> CAPACITY_UNKNOWN = new ReasonMemo<>("shared IPs unknown");

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (pod.slotKind(node) != SlotKind.SHARED) {
      return null;
    }
    if (node.insufficientIp()) {
      return pod.reason(
          INSUFFICIENT_IP,
          () -> Reason.of(ReasonId.NODE_INSUFFICIENT_IP, "node condition SufficientIP=False"));
    }
    Integer capacity = node.sharedCapacity();
    if (capacity == null) {
      return pod.reason(
          CAPACITY_UNKNOWN,
          () ->
              Reason.of(
                  ReasonId.CAPACITY_UNKNOWN,
                  "no " + Labels.MAX_AVAILABLE_IP + " annotation and unknown instance type"));
    }
    if (node.sharedUsed() < capacity) {
      return null;
    }
    return Reason.builder(ReasonId.NODE_IP_CAPACITY_EXHAUSTED)
        .with("capacity", capacity)
        .with("used", node.sharedUsed())
        .message(
            "shared ENIs hold " + capacity + " pod IPs and " + node.sharedUsed() + " are in use");
  }
}
