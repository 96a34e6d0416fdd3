package io.netplane.config.rules;

import io.netplane.config.model.NodeView;

/**
 * Per-node facts derived once per snapshot so that a request only does lookups: the node's view and
 * the {@link NodeShape} the rules read (with exact counts).
 */
public record NodeFacts(NodeView node, NodeShape shape) {}
