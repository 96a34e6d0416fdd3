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
          new EniModeRule(),
          new SharedIpCapacityRule(),
          new FreeIpRule());

  /** How many rules at the head of {@link #FILTERS} are zone-scoped: answered once per zone. */
  static final int ZONE_SCOPED = zoneScopedPrefix();

  private static int zoneScopedPrefix() {
    int n = 0;
    while (n < FILTERS.size() && FILTERS.get(n).zoneScoped()) {
      n++;
    }
    return n;
  }

  private Rules() {}
}
