package io.netplane.config.rules;

/**
 * Free slots of the kind the pod consumes on the node: shared IPs, member or exclusive ENIs. This
 * is the signal {@link ScoringStrategy#PACK} turns around, to fill nodes before starting others.
 */
final class EniSlotScorer implements Scorer {
  @Override
  public double raw(PodContext pod, NodeShape node) {
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

  @Override
  public Direction direction(ScoringStrategy strategy) {
    return strategy == ScoringStrategy.PACK ? Direction.LESS_IS_BETTER : Direction.MORE_IS_BETTER;
  }
}
