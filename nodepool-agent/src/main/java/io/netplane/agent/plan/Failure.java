package io.netplane.agent.plan;

import io.netplane.agent.model.ConditionReason;

/**
 * Why the last apply did not finish, for the status.
 *
 * @param code the cloud API's error code, or the HTTP status of a Kubernetes error
 * @param nodePool whether the Container Service step failed (NodePoolSynced turns False)
 */
public record Failure(ConditionReason reason, String code, String message, boolean nodePool) {}
