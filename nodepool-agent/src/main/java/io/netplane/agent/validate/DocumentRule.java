package io.netplane.agent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netplane.agent.model.FixedCidrPool;
import java.util.Set;

/** apiVersion, kind, metadata.name and the top-level fields. */
final class DocumentRule implements PoolRule {
  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");

  @Override
  public void check(JsonNode doc, FieldErrors errors) {
    errors.onlyFields("", doc, TOP);
    exact(doc.path("apiVersion"), "apiVersion", FixedCidrPool.API_VERSION, errors);
    exact(doc.path("kind"), "kind", FixedCidrPool.KIND, errors);
    JsonNode name = doc.path("metadata").path("name");
    if (name.isMissingNode() || name.isNull() || "".equals(name.asText())) {
      errors.required("metadata.name", "the pool name");
    } else if (name.isTextual()
        && !doc.path("spec").has("configMapName")
        && name.asText().length() > Syntax.MAX_POOL_NAME) {
      // the default override name eni-config-<pool> becomes the terway-config label value
      errors.add(
          "metadata.name",
          ErrorType.TOO_LONG,
          name,
          "must have at most "
              + Syntax.MAX_POOL_NAME
              + " characters so that eni-config-<name> fits a label value, or set spec.configMapName");
    } else {
      errors.matches(
          "metadata.name",
          name,
          Syntax.DNS_LABEL_P,
          Syntax.MAX_LABEL_VALUE,
          "a DNS-1123 label (it is also a label value)");
    }
    if (doc.path("spec").isMissingNode() || doc.path("spec").isNull()) {
      errors.required("spec", null);
    } else if (!doc.path("spec").isObject()) {
      errors.add("spec", ErrorType.TYPE_INVALID, doc.path("spec"), "must be an object");
    }
  }

  private static void exact(JsonNode v, String path, String want, FieldErrors errors) {
    if (v.isMissingNode() || v.isNull()) {
      errors.required(path, "\"" + want + "\"");
    } else if (!want.equals(v.asText()) || !v.isTextual()) {
      errors.add(path, ErrorType.NOT_SUPPORTED, v, "supported values: " + TextNode.valueOf(want));
    }
  }
}
