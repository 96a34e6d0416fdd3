package io.netplane.config.rules;

/** Virtual nodes run serverless pods, which cannot keep a fixed IP. */
final class VirtualNodeRule implements NodeRule {
  private static final ReasonMemo<Void> VIRTUAL = new ReasonMemo<>("virtual node");

  @Override
  public Reason check(PodContext pod, NodeShape node) {
    if (!node.virtual() || !pod.fixedName() || !pod.resolution().fixed()) {
      return null;
    }
    return pod.reason(
        VIRTUAL,
        () ->
            Reason.of(
                ReasonId.VIRTUAL_NODE_FIXED_IP,
                "virtual node: serverless pods do not support fixed IPs"));
  }
}
