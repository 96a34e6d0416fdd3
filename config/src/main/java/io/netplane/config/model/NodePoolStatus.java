package io.netplane.config.model;

/**
 * The {@code status} block of a node pool.
 *
 * @param state e.g. active, scaling, updating, removing, initial
 */
public record NodePoolStatus(
    String state,
    long totalNodes,
    long healthyNodes,
    long servingNodes,
    long failedNodes,
    long initialNodes,
    long offlineNodes,
    long removingNodes) {}
