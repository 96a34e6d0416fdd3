package io.netplane.config.model;

/**
 * A VPC vSwitch as DescribeVSwitches reports it.
 *
 * @param availableIps {@code AvailableIpAddressCount}; null when unknown (not reported, or the data
 *     is too stale to trust), which is never the same as zero
 */
public record VSwitch(String id, String zone, String cidr, String vpcId, Long availableIps) {

  /** The same vSwitch with its free IPs no longer known. */
  public VSwitch withUnknownCapacity() {
    return new VSwitch(id, zone, cidr, vpcId, null);
  }
}
