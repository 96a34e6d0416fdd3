package io.netplane.config.rules;

/** One filter rule. Returns null when the rule has nothing to say about the node. */
public interface NodeRule {
  Reason check(PodContext pod, NodeFacts node);
}
