package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** spec.nodePool: exactly one of id, create, nodeSelector, each well formed. */
final class NodePoolRule implements PoolRule {
  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    JsonNode np = doc.path("spec").path("nodePool");
    if (!doc.path("spec").isObject()) {
      return;
    }
    if (np.isMissingNode() || np.isNull()) {
      errors.required("spec.nodePool", "one of id, create, nodeSelector");
      return;
    }
    if (!errors.object("spec.nodePool", np, n -> {})) {
      return;
    }
    List<String> set = new ArrayList<>();
    for (String f : List.of("id", "create", "nodeSelector")) {
      if (np.has(f) && !np.get(f).isNull()) {
        set.add(f);
      }
    }
    if (set.isEmpty()) {
      errors.required("spec.nodePool", "one of id, create, nodeSelector");
    } else if (set.size() > 1) {
      errors.forbidden(
          "spec.nodePool", "exactly one of id, create, nodeSelector may be set, got " + set);
    }
    if (np.has("id")) {
      errors.matches(
          "spec.nodePool.id",
          np.get("id"),
          Syntax.NODE_POOL_ID_P,
          64,
          "an ACK node pool id such as np1234abcd");
    }
    if (np.has("create")) {
      errors.object("spec.nodePool.create", np.get("create"), c -> create(c, errors));
    }
    if (np.has("nodeSelector")) {
      errors.object(
          "spec.nodePool.nodeSelector",
          np.get("nodeSelector"),
          s -> {
            if (s.isEmpty()) {
              errors.invalid("spec.nodePool.nodeSelector", s, "must select on at least one label");
            }
            LabelsRule.labelMap("spec.nodePool.nodeSelector", s, errors);
          });
    }
  }

  private static void create(JsonNode c, FieldErrors errors) {
    String p = "spec.nodePool.create";
    if (!c.has("name")) {
      errors.required(p + ".name", "the ACK node pool name");
    } else {
      errors.matches(
          p + ".name",
          c.get("name"),
          Syntax.NODE_POOL_NAME_P,
          63,
          "letters, digits, '-' and '_', starting with a letter or digit");
    }
    errors.array(
        p + ".instanceTypes",
        c.path("instanceTypes"),
        1,
        Syntax.MAX_INSTANCE_TYPES,
        (ip, v) ->
            errors.matches(
                ip, v, Syntax.INSTANCE_TYPE_P, 64, "an ECS instance type such as ecs.g7.xlarge"));
    JsonNode size = c.path("desiredSize");
    if (size.isMissingNode() || size.isNull()) {
      errors.required(p + ".desiredSize", "number of nodes");
    } else if (!size.isIntegralNumber()) {
      errors.add(p + ".desiredSize", ErrorType.TYPE_INVALID, size, "must be an integer");
    } else if (size.asLong() < 0 || size.asLong() > Syntax.MAX_DESIRED_SIZE) {
      errors.invalid(p + ".desiredSize", size, "must be between 0 and " + Syntax.MAX_DESIRED_SIZE);
    }
    errors.array(
        p + ".vSwitchIds",
        c.path("vSwitchIds"),
        1,
        8,
        (ip, v) ->
            errors.matches(ip, v, Syntax.VSWITCH_ID_P, 64, "a vSwitch id such as vsw-abc123"));
  }
}
