package io.netplane.extender.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * kube-scheduler's {@code ExtenderPreemptionArgs}, normalised to meta victims.
 *
 * @param metaVictims candidate node to its {@code MetaVictims} JSON text ({@code Pods: [{UID}]},
 *     {@code NumPDBViolations}), in request order
 */
public record PreemptionArgs(JsonNode pod, Map<String, String> metaVictims) {}
