package io.netplane.config.model;

/** ENI limits of an ECS instance type, as DescribeInstanceTypes reports them. */
public record InstanceType(
    String id, int eniQuantity, int ipsPerEni, int eniTotalQuantity, boolean trunkSupported) {

  /** Member ENIs a trunk can carry; zero without trunk support (Terway PR #757). */
  public int memberEniLimit() {
    return trunkSupported ? Math.max(0, eniTotalQuantity - eniQuantity) : 0;
  }
}
