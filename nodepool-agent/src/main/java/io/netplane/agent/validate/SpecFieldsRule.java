package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Unknown fields are errors: a typo such as {@code podVswitchIds} must not be silently ignored. */
final class SpecFieldsRule implements PoolRule {
  private static final Set<String> SPEC =
      Set.of(
          "nodePool",
          "podVSwitchIds",
          "securityGroupIds",
          "configMapName",
          "adoptConfigMap",
          "taint",
          "labels",
          "expectedPods");
  private static final Set<String> NODE_POOL = Set.of("id", "create", "nodeSelector");
  private static final Set<String> CREATE =
      Set.of("name", "instanceTypes", "desiredSize", "vSwitchIds");
  private static final Set<String> TAINT = Set.of("key", "value", "effect");

  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    JsonNode spec = doc.path("spec");
    errors.onlyFields("spec", spec, SPEC);
    errors.onlyFields("spec.nodePool", spec.path("nodePool"), NODE_POOL);
    errors.onlyFields("spec.nodePool.create", spec.path("nodePool").path("create"), CREATE);
    errors.onlyFields("spec.taint", spec.path("taint"), TAINT);
  }
}
