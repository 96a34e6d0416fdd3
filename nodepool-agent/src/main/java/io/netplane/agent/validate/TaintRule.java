package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** spec.taint: a qualified key, a label-value value, and a known effect. */
final class TaintRule implements PoolRule {
  static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    JsonNode t = doc.path("spec").path("taint");
    if (t.isMissingNode() || t.isNull()) {
      return;
    }
    errors.object(
        "spec.taint",
        t,
        taint -> {
          if (!taint.has("key")) {
            errors.required("spec.taint.key", null);
          } else {
            errors.matches(
                "spec.taint.key",
                taint.get("key"),
                Syntax.QUALIFIED_NAME_P,
                Syntax.MAX_QUALIFIED_NAME,
                "a qualified name such as netplane.io/pool");
          }
          if (taint.has("value")) {
            errors.matches(
                "spec.taint.value",
                taint.get("value"),
                Syntax.LABEL_VALUE_P,
                Syntax.MAX_LABEL_VALUE,
                "a label value");
          }
          JsonNode effect = taint.path("effect");
          if (effect.isMissingNode() || effect.isNull()) {
            errors.required("spec.taint.effect", "one of " + EFFECTS.stream().sorted().toList());
          } else if (!effect.isTextual() || !EFFECTS.contains(effect.asText())) {
            errors.add(
                "spec.taint.effect",
                ErrorType.NOT_SUPPORTED,
                effect,
                "supported values: " + EFFECTS.stream().sorted().toList());
          }
        });
  }
}
