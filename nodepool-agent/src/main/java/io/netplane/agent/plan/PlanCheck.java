package io.netplane.agent.plan;

import java.util.List;

/** One rule of the planner that reports findings; pure. */
interface PlanCheck {
  List<Finding> check(PlanContext ctx);
}
