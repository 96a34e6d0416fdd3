package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** spec.expectedPods: required, at least 1 (the capacity check needs it). */
final class ExpectedPodsRule implements PoolRule {
  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    if (!doc.path("spec").isObject()) {
      return;
    }
    JsonNode n = doc.path("spec").path("expectedPods");
    if (n.isMissingNode() || n.isNull()) {
      errors.required("spec.expectedPods", "how many pods the pool will run");
    } else if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      errors.add("spec.expectedPods", ErrorType.TYPE_INVALID, n, "must be an integer");
    } else if (n.asInt() < 1) {
      errors.invalid("spec.expectedPods", n, "must be at least 1");
    }
  }
}
