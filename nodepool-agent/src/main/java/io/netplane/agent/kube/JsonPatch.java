package io.netplane.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Builds an RFC 6902 JSON Patch that touches only named keys. Preferred over a merge patch because
 * it replaces exactly what it names and deletes exactly what it names, on the real API server and
 * on fabric8's mock alike (the mock's merge patch appends to lists and stores nulls).
 */
final class JsonPatch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ArrayNode ops = JSON.createArrayNode();

  /**
   * Makes the patch conditional: the API server answers 409 when the object changed since it was
   * read (the resulting object's resourceVersion is a precondition).
   */
  JsonPatch resourceVersion(String rv) {
    ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", rv);
    return this;
  }

  /**
   * Sets and removes keys of a string map at {@code path}; {@code present} is the map as observed
   * (empty when absent, then the map is added whole).
   */
  JsonPatch map(
      String path, Map<String, String> present, Map<String, String> set, Set<String> remove) {
    if (present.isEmpty()) {
      if (!set.isEmpty()) {
        ObjectNode whole = JSON.createObjectNode();
        set.forEach(whole::put);
        ops.addObject().put("op", "add").put("path", path).set("value", whole);
      }
      return this;
    }
    set.forEach(
        (k, v) ->
            ops.addObject().put("op", "add").put("path", path + "/" + escape(k)).put("value", v));
    for (String k : remove) {
      if (present.containsKey(k)) {
        ops.addObject().put("op", "remove").put("path", path + "/" + escape(k));
      }
    }
    return this;
  }

  /** Adds or replaces the value at {@code path}. */
  JsonPatch add(String path, JsonNode value) {
    ops.addObject().put("op", "add").put("path", path).set("value", value);
    return this;
  }

  /** Fails the whole patch (HTTP 422) unless the value at {@code path} equals {@code value}. */
  JsonPatch test(String path, String value) {
    ops.addObject().put("op", "test").put("path", path).put("value", value);
    return this;
  }

  JsonPatch remove(String path) {
    ops.addObject().put("op", "remove").put("path", path);
    return this;
  }

  boolean empty() {
    return ops.isEmpty();
  }

  @Override
  public String toString() {
    return ops.toString();
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
