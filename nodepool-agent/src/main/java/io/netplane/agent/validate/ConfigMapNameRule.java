package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.model.Labels;

/**
 * spec.configMapName: a ConfigMap name that is also a label value ({@code terway-config}), and
 * never the base {@code eni-config}, which the agent must not touch. spec.adoptConfigMap, which
 * lets the pool take that ConfigMap over, is a boolean.
 */
final class ConfigMapNameRule implements PoolRule {
  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    JsonNode adopt = doc.path("spec").path("adoptConfigMap");
    if (!adopt.isMissingNode() && !adopt.isBoolean()) {
      errors.add("spec.adoptConfigMap", ErrorType.TYPE_INVALID, adopt, "must be true or false");
    }
    JsonNode cm = doc.path("spec").path("configMapName");
    if (cm.isMissingNode() || cm.isNull()) {
      return;
    }
    if (Labels.BASE_ENI_CONFIG.equals(cm.asText())) {
      errors.forbidden(
          "spec.configMapName",
          "the base eni-config is shared by every node; the pool needs its own override");
      return;
    }
    errors.matches(
        "spec.configMapName",
        cm,
        Syntax.DNS_SUBDOMAIN_P,
        Syntax.MAX_LABEL_VALUE,
        "a DNS-1123 subdomain (it is also the terway-config label value)");
  }
}
