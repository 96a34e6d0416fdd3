package io.netplane.agent.apply;

import io.netplane.config.cloud.CloudInventory;
import io.netplane.config.cloud.NodePools;

/**
 * The cloud side of a cluster.
 *
 * @param clusterId the ACK cluster; null when no pool uses ACK node pools
 * @param vpcId the cluster's VPC, for the outside-VPC check; null to skip it
 */
public record Cloud(
    CloudInventory inventory, NodePools nodePools, String clusterId, String vpcId) {}
