package io.netplane.agent.apply;

import io.netplane.agent.plan.Failure;
import io.netplane.agent.plan.Plan;

/**
 * How an apply ended.
 *
 * @param plan the last plan: empty when converged, blocked when the spec cannot be applied
 * @param steps writes done
 * @param failure why it stopped early, or null
 */
public record ApplyResult(Plan plan, int passes, int steps, Failure failure) {
  public boolean converged() {
    return failure == null && !plan.blocked() && !plan.hasChanges();
  }
}
