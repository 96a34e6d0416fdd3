package io.netplane.agent.plan;

import io.netplane.config.model.VSwitch;
import java.util.List;

/**
 * The pod vSwitches need free IPs for at least twice the expected pods (seeds/004): headroom for
 * growth and for IPs not yet released after a failure.
 */
final class CapacityCheck implements PlanCheck {
  static final int FACTOR = 2;

  @Override
  public List<Finding> check(PlanContext ctx) {
    if (ctx.podVSwitches.isEmpty()) {
      return List.of();
    }
    long free = 0;
    for (VSwitch v : ctx.podVSwitches) {
      if (v.availableIps() == null) {
        return List.of(
            new Finding(
                FindingId.CAPACITY_UNKNOWN,
                v.id(),
                "free IPs of vSwitch " + v.id() + " are unknown; capacity not checked"));
      }
      free += v.availableIps();
    }
    long needed = (long) FACTOR * ctx.pool.expectedPods();
    if (free >= needed) {
      return List.of();
    }
    return List.of(
        new Finding(
            FindingId.CAPACITY_BELOW_TWICE_EXPECTED,
            String.join(",", ctx.pool.podVSwitchIds()),
            "pod vSwitches have "
                + free
                + " free IPs, under "
                + FACTOR
                + " x "
                + ctx.pool.expectedPods()
                + " expected pods = "
                + needed));
  }

  /** Free IPs of the pod vSwitches, or null when any is unknown. */
  static Long free(PlanContext ctx) {
    long free = 0;
    for (VSwitch v : ctx.podVSwitches) {
      if (v.availableIps() == null) {
        return null;
      }
      free += v.availableIps();
    }
    return free;
  }
}
