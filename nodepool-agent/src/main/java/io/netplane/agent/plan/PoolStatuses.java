package io.netplane.agent.plan;

import io.netplane.agent.model.ConditionReason;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import java.time.Instant;
import java.util.List;

/** The status a plan (taken after applying) gives; pure, the instant is passed in. */
public final class PoolStatuses {
  private PoolStatuses() {}

  /**
   * @param previous the status so far (transition times are kept when a condition does not change)
   * @param failure why the last apply failed, or null
   */
  public static FixedCidrPoolStatus of(
      ResolvedPool pool, Plan plan, FixedCidrPoolStatus previous, Failure failure, Instant now) {
    List<PoolCondition> conditions =
        List.of(
            ready(plan, failure, previous, now),
            capacity(pool, plan, previous, now),
            nodes(plan, previous, now),
            nodePool(pool, plan, failure, previous, now));
    return new FixedCidrPoolStatus(
        pool.generation(), conditions, plan.whitelistCidrs(), plan.nodePoolId(), plan.summary());
  }

  /**
   * The status of a spec that does not validate: Ready=False listing every error, the other
   * conditions Unknown (nothing was observed or applied for this generation).
   */
  public static FixedCidrPoolStatus invalid(
      Long generation, List<String> errors, FixedCidrPoolStatus previous, Instant now) {
    String message = errors.size() + " error(s): " + String.join("; ", errors);
    return notObserved(
        generation,
        ConditionReason.INVALID_CONFIGURATION,
        message,
        "spec not valid",
        false,
        previous,
        now);
  }

  /**
   * The status when the apply stopped before any plan (the cloud or the API server failed while
   * observing): Ready=False with the error's code; NodePoolSynced=False too when the Container
   * Service call failed; the other conditions Unknown.
   */
  public static FixedCidrPoolStatus failed(
      Long generation, Failure failure, FixedCidrPoolStatus previous, Instant now) {
    return notObserved(
        generation,
        failure.reason(),
        failure.code() + ": " + failure.message(),
        "not observed: " + failure.code(),
        failure.nodePool(),
        previous,
        now);
  }

  private static FixedCidrPoolStatus notObserved(
      Long generation,
      ConditionReason reason,
      String message,
      String unknownMessage,
      boolean nodePoolFailed,
      FixedCidrPoolStatus previous,
      Instant now) {
    List<PoolCondition> conditions =
        List.of(
            cond(ConditionType.READY, "False", reason, message, previous, now),
            cond(
                ConditionType.CAPACITY_SUFFICIENT,
                "Unknown",
                reason,
                unknownMessage,
                previous,
                now),
            cond(ConditionType.NODES_CONFIGURED, "Unknown", reason, unknownMessage, previous, now),
            nodePoolFailed
                ? cond(ConditionType.NODE_POOL_SYNCED, "False", reason, message, previous, now)
                : cond(
                    ConditionType.NODE_POOL_SYNCED,
                    "Unknown",
                    reason,
                    unknownMessage,
                    previous,
                    now));
    return new FixedCidrPoolStatus(generation, conditions, null, null, null);
  }

  private static PoolCondition ready(
      Plan plan, Failure failure, FixedCidrPoolStatus prev, Instant now) {
    if (plan.blocked()) {
      return cond(
          ConditionType.READY,
          "False",
          ConditionReason.INVALID_CONFIGURATION,
          blockedMessage(plan),
          prev,
          now);
    }
    if (failure != null) {
      return cond(
          ConditionType.READY,
          "False",
          failure.reason(),
          failure.code() + ": " + failure.message(),
          prev,
          now);
    }
    if (plan.hasChanges()) {
      return cond(
          ConditionType.READY,
          "False",
          ConditionReason.CHANGES_PENDING,
          plan.stepCount() + " step(s) to apply",
          prev,
          now);
    }
    if (!plan.summary().needingRecycle().isEmpty()) {
      return cond(
          ConditionType.READY,
          "False",
          ConditionReason.NODES_NEED_RECYCLE,
          "replace " + String.join(", ", plan.summary().needingRecycle()),
          prev,
          now);
    }
    return cond(
        ConditionType.READY,
        "True",
        ConditionReason.READY,
        "whitelist " + String.join(", ", plan.whitelistCidrs()),
        prev,
        now);
  }

  /** Every ERROR finding of a blocked plan (the first alone hides the others until it is fixed). */
  public static String blockedMessage(Plan plan) {
    List<String> errors =
        plan.findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .map(Finding::toString)
            .toList();
    return errors.size() + " error(s): " + String.join("; ", errors);
  }

  private static PoolCondition capacity(
      ResolvedPool pool, Plan plan, FixedCidrPoolStatus prev, Instant now) {
    ConditionType t = ConditionType.CAPACITY_SUFFICIENT;
    if (!plan.findings(FindingId.VSWITCH_NOT_FOUND).isEmpty()) {
      return cond(
          t,
          "False",
          ConditionReason.VSWITCH_NOT_FOUND,
          plan.findings(FindingId.VSWITCH_NOT_FOUND).get(0).message(),
          prev,
          now);
    }
    if (!plan.findings(FindingId.CAPACITY_BELOW_TWICE_EXPECTED).isEmpty()) {
      return cond(
          t,
          "False",
          ConditionReason.BELOW_TWICE_EXPECTED_PODS,
          plan.findings(FindingId.CAPACITY_BELOW_TWICE_EXPECTED).get(0).message(),
          prev,
          now);
    }
    if (plan.freePodIps() == null) {
      return cond(
          t,
          "Unknown",
          ConditionReason.CAPACITY_UNKNOWN,
          "free IPs of the pod vSwitches are unknown",
          prev,
          now);
    }
    return cond(
        t,
        "True",
        ConditionReason.SUFFICIENT,
        plan.freePodIps() + " free IPs for " + pool.expectedPods() + " expected pods",
        prev,
        now);
  }

  private static PoolCondition nodes(Plan plan, FixedCidrPoolStatus prev, Instant now) {
    ConditionType t = ConditionType.NODES_CONFIGURED;
    var s = plan.summary();
    if (!s.pending().isEmpty()) {
      return cond(
          t,
          "False",
          ConditionReason.NODES_PENDING,
          s.pending().size() + " node(s) pending",
          prev,
          now);
    }
    if (!s.needingRecycle().isEmpty()) {
      return cond(
          t,
          "False",
          ConditionReason.NODES_NEED_RECYCLE,
          s.needingRecycle().size()
              + " node(s) had ENIs before the override: "
              + String.join(", ", s.needingRecycle()),
          prev,
          now);
    }
    if (s.configured().isEmpty()) {
      return cond(t, "True", ConditionReason.NO_NODES, "the pool has no nodes yet", prev, now);
    }
    return cond(
        t,
        "True",
        ConditionReason.ALL_NODES_CONFIGURED,
        s.configured().size() + " node(s) configured",
        prev,
        now);
  }

  private static PoolCondition nodePool(
      ResolvedPool pool, Plan plan, Failure failure, FixedCidrPoolStatus prev, Instant now) {
    ConditionType t = ConditionType.NODE_POOL_SYNCED;
    if (!pool.ackManaged()) {
      return cond(
          t, "True", ConditionReason.NOT_MANAGED, "nodes are chosen by nodeSelector", prev, now);
    }
    if (failure != null && failure.nodePool()) {
      return cond(
          t,
          "False",
          ConditionReason.CLOUD_ERROR,
          failure.code() + ": " + failure.message(),
          prev,
          now);
    }
    if (!plan.findings(FindingId.NODE_POOL_NOT_FOUND).isEmpty()) {
      return cond(
          t,
          "False",
          ConditionReason.NODE_POOL_NOT_FOUND,
          plan.findings(FindingId.NODE_POOL_NOT_FOUND).get(0).message(),
          prev,
          now);
    }
    if (plan.nodePool() != null) {
      return cond(
          t,
          "False",
          ConditionReason.NODE_POOL_CHANGES_PENDING,
          "node pool request not applied yet",
          prev,
          now);
    }
    return cond(
        t,
        "True",
        ConditionReason.SYNCED,
        "node pool " + plan.nodePoolId() + " registers nodes with the pool's labels and taint",
        prev,
        now);
  }

  private static PoolCondition cond(
      ConditionType type,
      String status,
      ConditionReason reason,
      String message,
      FixedCidrPoolStatus prev,
      Instant now) {
    PoolCondition old = prev == null ? null : prev.condition(type);
    String since =
        old != null && status.equals(old.status()) && old.lastTransitionTime() != null
            ? old.lastTransitionTime()
            : now.toString();
    return new PoolCondition(type.value(), status, reason.value(), message, since);
  }
}
