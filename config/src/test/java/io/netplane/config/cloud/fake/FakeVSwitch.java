package io.netplane.config.cloud.fake;

/** A vSwitch held by the fake. Free IPs are mutable so a test can change them between refreshes. */
public final class FakeVSwitch {
  private final String id;
  private final String zoneId;
  private final String cidrBlock;
  private final String vpcId;
  private volatile long availableIps;

  FakeVSwitch(String id, String zoneId, String cidrBlock, String vpcId, long availableIps) {
    this.id = id;
    this.zoneId = zoneId;
    this.cidrBlock = cidrBlock;
    this.vpcId = vpcId;
    this.availableIps = availableIps;
  }

  public String id() {
    return id;
  }

  public String zoneId() {
    return zoneId;
  }

  public String cidrBlock() {
    return cidrBlock;
  }

  public String vpcId() {
    return vpcId;
  }

  public long availableIps() {
    return availableIps;
  }

  /** Sets AvailableIpAddressCount as the next DescribeVSwitches will report it. */
  public FakeVSwitch availableIps(long count) {
    this.availableIps = count;
    return this;
  }
}
