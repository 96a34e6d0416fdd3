/**
 * The node-pool agent: rolls out fixed-CIDR node pools ({@code terway-config} labels, taints,
 * {@code eni-config-<pool>} overrides and ACK node pools) from one declarative document. It builds
 * on the shared model in {@code netplane-config}.
 */
package io.netplane.agent;
