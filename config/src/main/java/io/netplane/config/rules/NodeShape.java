package io.netplane.config.rules;

import io.netplane.config.model.EniConfig;

/**
 * Everything the filter rules and scorers read of a node: a rule receives nothing else, so it
 * cannot make its verdict depend on a field that nodes of one shape do not share. Nodes of one
 * {@link #shared()} shape get the same verdict for a pod that needs at most {@link
 * #SLOTS_TOLD_APART} ENI slots, so a request decides each shape once: thousands of nodes are a few
 * dozen shapes.
 *
 * @param config effective eni-config; null when the node's override ConfigMap is missing
 * @param terwayConfig the node's {@code terway-config} label, naming its override ConfigMap
 * @param instanceType the node's instance type label
 * @param trunkCapable null when unknown (no instance type and no trunk ENI)
 * @param trunkAttached the trunk ENI is annotated ({@code k8s.aliyun.com/trunk-on})
 * @param sharedCapacity shared-ENI IPs the node offers; null when unknown
 * @param sharedUsed pods on the node drawing from its shared ENIs
 * @param memberFree free {@code aliyun/member-eni}; null when not advertised
 * @param exclusiveFree free {@code aliyun/eni}; null when not advertised
 * @param defaultCapacity free IPs of the node's default network (its effective eni-config) in its
 *     zone; null only in the provisional shapes a snapshot index uses while it takes reservations
 */
public record NodeShape(
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

  public boolean overrideMissing() {
    return config == null;
  }

  /**
   * The shape with its counts cut to what can change a verdict: shared IPs in use only when they
   * fill the shared ENIs, free ENI slots at most {@link #SLOTS_TOLD_APART}. Equal for nodes that
   * share verdicts.
   */
  NodeShape shared() {
    boolean full = sharedCapacity != null && sharedUsed >= sharedCapacity;
    return new NodeShape(
        zone,
        config,
        terwayConfig,
        instanceType,
        trunkCapable,
        virtual,
        eniOnly,
        trunkAttached,
        insufficientIp,
        sharedCapacity,
        full ? sharedUsed : 0,
        cut(memberFree),
        cut(exclusiveFree),
        defaultCapacity);
  }

  private static Long cut(Long free) {
    return free == null ? null : Math.min(free, SLOTS_TOLD_APART);
  }
}
