package io.netplane.config.rules;

/**
 * The nodes of a request as scoring reads them, by position.
 *
 * @param shapes the exact shape of each fit node the snapshot knows, null elsewhere
 * @param shapeIds the number of each such node's shared shape, in {@code [0, shapeCount)}
 * @param shapeCount how many shared shapes the snapshot has
 */
record FitNodes(NodeShape[] shapes, int[] shapeIds, int shapeCount) {}
