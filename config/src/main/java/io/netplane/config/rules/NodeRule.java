package io.netplane.config.rules;

/** One filter rule. Returns null when the rule has nothing to say about the node. */
public interface NodeRule {
  Reason check(PodContext pod, NodeFacts node);

  /**
   * True when the answer depends on the pod and the node's zone only, so one answer per zone and
   * request stands for every node of the zone.
   */
  default boolean zoneScoped() {
    return false;
  }
}
