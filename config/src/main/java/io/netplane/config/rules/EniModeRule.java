package io.netplane.config.rules;

import io.netplane.config.model.Labels;

/**
 * The node must offer the kind of ENI the pod's network needs, with a free slot: exclusive ENIs on
 * eniOnly nodes, trunk member ENIs on trunk nodes whose trunk ENI is attached.
 */
final class EniModeRule implements NodeRule {
  private static final ReasonMemo<Void> NEEDS_ENI_ONLY = new ReasonMemo<>("needs eniOnly");
  private static final ReasonMemo<Void> ENI_ONLY_NO_TRUNK = new ReasonMemo<>("eniOnly, no trunk");
  private static final ReasonMemo<NoTrunk> NO_TRUNK = new ReasonMemo<>("no trunk member ENIs");
  private static final ReasonMemo<Void> TRUNK_NOT_ATTACHED = new ReasonMemo<>("trunk not attached");
  private static final ReasonMemo<String> SLOTS_UNKNOWN = new ReasonMemo<>("ENI slots unknown");

  /**
   * Why a node has no trunk member ENIs: its instance type, and whether its eni-config enables
   * trunking (null without an eni-config).
   */
  private record NoTrunk(String instanceType, Boolean trunking) {
    boolean trunkingOff() {
      return Boolean.FALSE.equals(trunking);
    }
  }

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    SlotKind kind = pod.slotKind(node);
    return switch (kind) {
      case EXCLUSIVE -> exclusive(pod, node);
      case MEMBER -> member(pod, node);
      case SHARED, NONE -> null;
    };
  }

  private static Reason exclusive(PodContext pod, NodeShape node) {
    if (!node.eniOnly()) {
      return pod.reason(
          NEEDS_ENI_ONLY,
          () ->
              Reason.builder(ReasonId.ENI_MODE_MISMATCH)
                  .with("needs", "exclusive ENI")
                  .message(
                      "the pod needs an exclusive ENI; only nodes labelled "
                          + Labels.EXCLUSIVE_ENI_MODE
                          + "=eniOnly offer them"));
    }
    return slots(pod, node.exclusiveFree(), Labels.ENI_RESOURCE);
  }

  private static Reason member(PodContext pod, NodeShape node) {
    if (node.eniOnly()) {
      return pod.reason(
          ENI_ONLY_NO_TRUNK,
          () ->
              Reason.builder(ReasonId.ENI_MODE_MISMATCH)
                  .with("needs", "trunk member ENI")
                  .message("the pod needs a trunk member ENI; eniOnly nodes have no trunk ENI"));
    }
    if (Boolean.FALSE.equals(node.trunkCapable())) {
      NoTrunk key =
          new NoTrunk(node.instanceType(), node.config() == null ? null : node.config().trunking());
      return pod.reason(NO_TRUNK, key, () -> noTrunk(key));
    }
    if (!node.trunkAttached()) {
      return pod.reason(
          TRUNK_NOT_ATTACHED,
          () ->
              Reason.of(
                  ReasonId.TRUNK_NOT_ATTACHED,
                  "no trunk ENI attached yet (annotation " + Labels.TRUNK_ON + " missing)"));
    }
    return slots(pod, node.memberFree(), Labels.MEMBER_ENI_RESOURCE);
  }

  private static Reason noTrunk(NoTrunk key) {
    return Reason.builder(ReasonId.ENI_MODE_MISMATCH)
        .with("needs", "trunk member ENI")
        .with("instanceType", key.instanceType())
        .with("trunkingEnabled", Boolean.TRUE.equals(key.trunking()))
        .message(
            key.trunkingOff()
                ? "the pod needs a trunk member ENI; enable_eni_trunking is off for this node"
                : "the pod needs a trunk member ENI; instance type "
                    + key.instanceType()
                    + " supports no trunk member ENIs");
  }

  private static Reason slots(PodContext pod, Long free, String resource) {
    int needed = pod.slotCount();
    if (free == null) {
      return pod.reason(
          SLOTS_UNKNOWN,
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
