package io.netplane.config.rules;

import io.netplane.config.model.EniConfig;

/**
 * Everything the filter rules read of a node, with its counts cut to what can change a verdict.
 * Nodes of one shape get the same verdict for a pod that needs at most {@link #SLOTS_TOLD_APART}
 * ENI slots, so a request decides each shape once: thousands of nodes are a few dozen shapes. A
 * filter rule reads nothing of a node that is not here.
 *
 * @param sharedUsed pods drawing from the shared ENIs when they fill them; 0 while they have room
 * @param memberFree free member ENIs, at most {@link #SLOTS_TOLD_APART}; null when not advertised
 * @param exclusiveFree free exclusive ENIs, at most {@link #SLOTS_TOLD_APART}; null when not
 *     advertised
 */
record NodeShape(
    String zone,
    EniConfig config,
    String terwayConfig,
    String instanceType,
    Boolean trunkCapable,
    boolean virtual,
    boolean eniOnly,
    boolean trunkAttached,
    boolean insufficientIp,
    Integer sharedCapacity,
    int sharedUsed,
    Long memberFree,
    Long exclusiveFree,
    ZoneCapacity defaultCapacity) {

  /** Free ENI slots above this are all "enough" for the pods whose verdicts shapes share. */
  static final int SLOTS_TOLD_APART = 4;

  static NodeShape of(NodeFacts node) {
    Integer capacity = node.sharedCapacity();
    boolean full = capacity != null && node.sharedUsed() >= capacity;
    return new NodeShape(
        node.zone(),
        node.config(),
        node.node().terwayConfig(),
        node.node().instanceType(),
        node.trunkCapable(),
        node.virtual(),
        node.eniOnly(),
        node.trunkAttached(),
        node.insufficientIp(),
        capacity,
        full ? node.sharedUsed() : 0,
        cut(node.memberFree()),
        cut(node.exclusiveFree()),
        node.defaultCapacity());
  }

  private static Long cut(Long free) {
    return free == null ? null : Math.min(free, SLOTS_TOLD_APART);
  }
}
