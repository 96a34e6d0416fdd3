package io.netplane.config.cloud.fake;

/**
 * An instance type held by the fake, with the ENI fields DescribeInstanceTypes reports.
 *
 * @param id InstanceTypeId
 * @param eniQuantity EniQuantity
 * @param eniPrivateIpAddressQuantity EniPrivateIpAddressQuantity
 * @param eniTotalQuantity EniTotalQuantity
 * @param eniTrunkSupported EniTrunkSupported
 */
public record FakeInstanceType(
    String id,
    int eniQuantity,
    int eniPrivateIpAddressQuantity,
    int eniTotalQuantity,
    boolean eniTrunkSupported) {}
