package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** spec.podVSwitchIds: at least one vSwitch id, no duplicates. */
final class PodVSwitchesRule implements PoolRule {
  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    if (!doc.path("spec").isObject()) {
      return;
    }
    errors.array(
        "spec.podVSwitchIds",
        doc.path("spec").path("podVSwitchIds"),
        1,
        32,
        (p, v) -> errors.matches(p, v, Syntax.VSWITCH_ID_P, 64, "a vSwitch id such as vsw-abc123"));
  }
}
