package io.netplane.config.model;

/** A VPC vSwitch as DescribeVSwitches reports it. */
public record VSwitch(String id, String zone, String cidr, String vpcId, long availableIps) {}
