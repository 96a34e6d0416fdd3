package io.netplane.config.rules;

/**
 * One filter rule. Returns null when the rule has nothing to say about the node. A rule reads only
 * what the node's {@link NodeShape} holds: nodes of one shape share the filter's verdict.
 */
public interface NodeRule {
  Reason check(PodContext pod, NodeFacts node);
}
