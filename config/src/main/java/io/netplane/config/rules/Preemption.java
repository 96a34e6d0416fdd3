package io.netplane.config.rules;

import java.util.Set;

/**
 * Which verdicts evicting pods from the node can turn into a fit. Only node-local capacity comes
 * back at once when pods leave: their shared-ENI IPs and ENI slots. A vSwitch's free IPs do not
 * (Terway keeps released IPs warm and the cloud count lags), nor does anything unresolvable.
 */
public final class Preemption {
  private static final Set<ReasonId> FREED_BY_EVICTION =
      Set.of(ReasonId.NODE_IP_CAPACITY_EXHAUSTED, ReasonId.ENI_SLOTS_EXHAUSTED);

  private Preemption() {}

  /** The node fits, or fails only for capacity that evicting victims there gives back. */
  public static boolean helps(Verdict verdict) {
    if (verdict.fits()) {
      return true;
    }
    for (Reason r : verdict.reasons()) {
      if (r.id().rejects() && !FREED_BY_EVICTION.contains(r.id())) {
        return false;
      }
    }
    return true;
  }
}
