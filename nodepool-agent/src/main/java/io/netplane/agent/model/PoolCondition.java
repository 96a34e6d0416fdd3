package io.netplane.agent.model;

/**
 * A status condition as Kubernetes shapes them.
 *
 * @param type a {@link ConditionType} value
 * @param status True, False or Unknown
 * @param reason a {@link ConditionReason} value
 * @param lastTransitionTime RFC 3339, changed only when {@code status} changes
 */
public record PoolCondition(
    String type, String status, String reason, String message, String lastTransitionTime) {}
