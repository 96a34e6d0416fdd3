package io.netplane.agent.plan;

import java.util.ArrayList;
import java.util.List;

/** Reports every pool node that had ENIs before the override (see {@link Recycle}). */
final class RecycleCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (ObservedNode n : ctx.members) {
      String why = Recycle.reason(ctx, n);
      if (why != null) {
        out.add(
            new Finding(
                FindingId.NODE_NEEDS_RECYCLE,
                n.name(),
                why
                    + "; replace the node (or unbind its ENIs) so its pods draw from the pool's vSwitches"));
      }
    }
    return out;
  }
}
