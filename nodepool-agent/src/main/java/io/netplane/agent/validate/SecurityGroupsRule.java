package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** spec.securityGroupIds: optional; when set, 1 to 10 ids (Terway's limit), no duplicates. */
final class SecurityGroupsRule implements PoolRule {
  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    JsonNode sg = doc.path("spec").path("securityGroupIds");
    if (sg.isMissingNode() || sg.isNull()) {
      return;
    }
    errors.array(
        "spec.securityGroupIds",
        sg,
        1,
        Syntax.MAX_SECURITY_GROUPS,
        (p, v) ->
            errors.matches(
                p, v, Syntax.SECURITY_GROUP_ID_P, 64, "a security group id such as sg-abc123"));
  }
}
