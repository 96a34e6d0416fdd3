package io.netplane.config.rules;

/** The verdict and score (0..10; 0 when not fit) for one node. */
public record NodeDecision(String node, String zone, Verdict verdict, int score) {}
