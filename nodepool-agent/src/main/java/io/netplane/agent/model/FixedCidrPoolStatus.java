package io.netplane.agent.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the agent last observed and did.
 *
 * @param observedGeneration the spec generation this status describes
 * @param whitelistCidrs CIDR blocks of the pod vSwitches: what the database whitelists
 * @param nodePoolId the ACK node pool, once known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FixedCidrPoolStatus(
    Long observedGeneration,
    List<PoolCondition> conditions,
    List<String> whitelistCidrs,
    String nodePoolId,
    PoolNodes nodes) {

  /** The condition of that type, or null. */
  public PoolCondition condition(ConditionType type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.value().equals(c.type())).findFirst().orElse(null);
  }
}
