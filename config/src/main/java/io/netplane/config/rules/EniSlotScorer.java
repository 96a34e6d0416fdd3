package io.netplane.config.rules;

/** Free slots of the kind the pod consumes on the node: shared IPs, member or exclusive ENIs. */
final class EniSlotScorer implements Scorer {
  @Override
  public double raw(PodContext pod, NodeFacts node) {
    return switch (pod.slotKind(node)) {
      case SHARED ->
          node.sharedCapacity() == null
              ? Double.NaN
              : Math.max(0, node.sharedCapacity() - node.sharedUsed());
      case MEMBER -> node.memberFree() == null ? Double.NaN : node.memberFree();
      case EXCLUSIVE -> node.exclusiveFree() == null ? Double.NaN : node.exclusiveFree();
      case NONE -> Double.NaN;
    };
  }
}
