package io.netplane.config.model;

/** {@code eniOptions.eniType} of a PodNetworking or an explicit pod network. */
public enum EniType {
  DEFAULT("Default"),
  ENI("ENI"),
  TRUNK("Trunk");

  private final String wire;

  EniType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Terway defaults an absent or unknown type to Default. */
  public static EniType fromWire(String s) {
    for (EniType t : values()) {
      if (t.wire.equals(s)) {
        return t;
      }
    }
    return DEFAULT;
  }
}
