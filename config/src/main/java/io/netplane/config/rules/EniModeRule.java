package io.netplane.config.rules;

import io.netplane.config.model.Labels;

/**
 * The node must offer the kind of ENI the pod's network needs, with a free slot: exclusive ENIs on
 * eniOnly nodes, trunk member ENIs on trunk nodes whose trunk ENI is attached.
 */
final class EniModeRule implements NodeRule {
  @Override
  public Reason check(PodContext pod, NodeFacts node) {
    SlotKind kind = pod.slotKind(node);
    return switch (kind) {
      case EXCLUSIVE -> exclusive(pod, node);
      case MEMBER -> member(pod, node);
      case SHARED, NONE -> null;
    };
  }

  private static Reason exclusive(PodContext pod, NodeFacts node) {
    if (!node.eniOnly()) {
      return pod.cached(
          "needs-eni-only",
          null,
          () ->
              Reason.builder(ReasonId.ENI_MODE_MISMATCH)
                  .with("needs", "exclusive ENI")
                  .message(
                      "the pod needs an exclusive ENI; only nodes labelled "
                          + Labels.EXCLUSIVE_ENI_MODE
                          + "=eniOnly offer them"));
    }
    return slots(pod, node, node.exclusiveFree(), Labels.ENI_RESOURCE);
  }

  private static Reason member(PodContext pod, NodeFacts node) {
    if (node.eniOnly()) {
      return pod.cached(
          "eni-only-no-trunk",
          null,
          () ->
              Reason.builder(ReasonId.ENI_MODE_MISMATCH)
                  .with("needs", "trunk member ENI")
                  .message("the pod needs a trunk member ENI; eniOnly nodes have no trunk ENI"));
    }
    if (Boolean.FALSE.equals(node.trunkCapable())) {
      String type = node.node().instanceType();
      // the reason depends on the type and on whether the node's config enables trunking
      String kind =
          node.config() == null
              ? "no-trunk:no-config"
              : node.config().trunking() ? "no-trunk" : "no-trunk:trunking-off";
      return pod.cached(
          kind,
          type,
          () ->
              Reason.builder(ReasonId.ENI_MODE_MISMATCH)
                  .with("needs", "trunk member ENI")
                  .with("instanceType", type)
                  .with("trunkingEnabled", node.config() != null && node.config().trunking())
                  .message(
                      node.config() != null && !node.config().trunking()
                          ? "the pod needs a trunk member ENI; enable_eni_trunking is off for this node"
                          : "the pod needs a trunk member ENI; instance type "
                              + type
                              + " supports no trunk member ENIs"));
    }
    if (!node.trunkAttached()) {
      return pod.cached(
          "trunk-not-attached",
          null,
          () ->
              Reason.of(
                  ReasonId.TRUNK_NOT_ATTACHED,
                  "no trunk ENI attached yet (annotation " + Labels.TRUNK_ON + " missing)"));
    }
    return slots(pod, node, node.memberFree(), Labels.MEMBER_ENI_RESOURCE);
  }

  private static Reason slots(PodContext pod, NodeFacts node, Long free, String resource) {
    int needed = pod.slotCount();
    if (free == null) {
      return pod.cached(
          "slots-unknown",
          resource,
          () ->
              Reason.builder(ReasonId.CAPACITY_UNKNOWN)
                  .with("resource", resource)
                  .message("node does not advertise " + resource + "; ENI slots unknown"));
    }
    if (free >= needed) {
      return null;
    }
    return Reason.builder(ReasonId.ENI_SLOTS_EXHAUSTED)
        .with("resource", resource)
        .with("free", free)
        .with("needed", needed)
        .message(resource + ": " + free + " free, pod needs " + needed);
  }
}
