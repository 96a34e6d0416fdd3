package io.netplane.agent.plan;

import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.List;

/** vSwitches must be in the cluster's VPC; ENIs cannot span VPCs. */
final class VpcCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    String vpc = ctx.observed.clusterVpcId();
    List<Finding> out = new ArrayList<>();
    if (vpc == null) {
      return out;
    }
    List<VSwitch> all = new ArrayList<>(ctx.podVSwitches);
    all.addAll(ctx.nodeVSwitches);
    for (VSwitch v : all) {
      if (!vpc.equals(v.vpcId())) {
        out.add(
            new Finding(
                FindingId.VSWITCH_OUTSIDE_VPC,
                v.id(),
                "vSwitch " + v.id() + " is in " + v.vpcId() + ", the cluster is in " + vpc));
      }
    }
    return out;
  }
}
