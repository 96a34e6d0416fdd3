package io.netplane.agent.plan;

import java.util.ArrayList;
import java.util.List;

/** Every pod and node vSwitch must exist: without its zone the override cannot be written. */
final class VSwitchExistsCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (String id : ctx.missingPodVSwitches) {
      out.add(
          new Finding(
              FindingId.VSWITCH_NOT_FOUND,
              id,
              "pod vSwitch " + id + " is not known to the VPC API in this region"));
    }
    for (String id : ctx.missingNodeVSwitches) {
      out.add(
          new Finding(
              FindingId.VSWITCH_NOT_FOUND,
              id,
              "node vSwitch " + id + " is not known to the VPC API in this region"));
    }
    return out;
  }
}
