package io.netplane.agent.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Which nodes form the pool: exactly one of the three is set.
 *
 * @param id an existing ACK node pool (its nodes carry {@code alibabacloud.com/nodepool-id})
 * @param create an ACK node pool to create (found again by name, so creation is idempotent)
 * @param nodeSelector nodes matching these labels, for clusters without ACK node pools
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodePoolRef(String id, NodePoolCreate create, Map<String, String> nodeSelector) {}
