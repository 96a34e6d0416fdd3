package io.netplane.config.rules;

/**
 * One filter rule. Returns null when the rule has nothing to say about the node. A rule is handed
 * the node's {@link NodeShape} and nothing else, so nodes of one shape share its verdict.
 */
public interface NodeRule {
  Reason check(PodContext pod, NodeShape node);
}
