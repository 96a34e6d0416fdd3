package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netplane.agent.plan.PoolLabels;
import java.util.Set;

/** spec.labels: well-formed labels that do not collide with the ones the agent sets itself. */
final class LabelsRule implements PoolRule {
  private static final Set<String> RESERVED =
      Set.of(PoolLabels.TERWAY_CONFIG, PoolLabels.POOL, PoolLabels.ACK_NODE_POOL_ID);

  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    JsonNode labels = doc.path("spec").path("labels");
    if (labels.isMissingNode() || labels.isNull()) {
      return;
    }
    errors.object(
        "spec.labels",
        labels,
        l -> {
          labelMap("spec.labels", l, errors);
          l.fieldNames()
              .forEachRemaining(
                  k -> {
                    if (RESERVED.contains(k)) {
                      errors.forbidden("spec.labels[" + k + "]", "set by the agent itself");
                    }
                  });
        });
  }

  static void labelMap(String path, JsonNode map, FieldErrors errors) {
    map.fields()
        .forEachRemaining(
            e -> {
              String p = path + "[" + e.getKey() + "]";
              TextNode key = TextNode.valueOf(e.getKey());
              if (e.getKey().length() > Syntax.MAX_QUALIFIED_NAME
                  || !Syntax.QUALIFIED_NAME_P.matcher(e.getKey()).matches()) {
                errors.invalid(p, key, "the key must be a qualified name such as example.com/team");
              }
              errors.matches(
                  p, e.getValue(), Syntax.LABEL_VALUE_P, Syntax.MAX_LABEL_VALUE, "a label value");
            });
  }
}
