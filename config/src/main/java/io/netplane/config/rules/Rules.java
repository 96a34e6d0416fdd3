package io.netplane.config.rules;

import java.util.List;

/** The ordered registry of filter rules: cheap, structural rules first. */
public final class Rules {
  public static final List<NodeRule> FILTERS =
      List.of(
          new ZoneRule(),
          new FixedIpZoneRule(),
          new VirtualNodeRule(),
          new OverrideConfigRule(),
          new EniConfigRule(),
          new EniModeRule(),
          new SharedIpCapacityRule(),
          new FreeIpRule());

  private Rules() {}
}
