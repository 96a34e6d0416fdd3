package io.netplane.config.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.Labels;
import io.netplane.config.model.NetworkAnnotations;
import io.netplane.config.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses Terway's network annotations of a pod as strictly as Terway's webhook decodes them: a
 * value that is empty, not JSON, or JSON of the wrong shape is an error, not "no networks".
 */
final class PodNetworkAnnotations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PodNetworkAnnotations() {}

  /** A problem with one annotation: its name and what is wrong. */
  private static final class Malformed extends Exception {
    Malformed(String annotation, String problem) {
      super("annotation " + annotation + " " + problem, null, false, false);
    }
  }

  static NetworkAnnotations parse(Map<String, String> annotations) {
    String networks = annotations.get(Labels.POD_NETWORKS);
    String request = annotations.get(Labels.POD_NETWORKS_REQUEST);
    String named = annotations.get(Labels.POD_NETWORKING);
    if (networks == null && request == null && named == null) {
      return NetworkAnnotations.NONE;
    }
    try {
      List<NetworkSpec> specs = networks == null ? null : podNetworks(networks);
      List<String> requested = request == null ? null : requested(request);
      return new NetworkAnnotations(specs, requested, named, null);
    } catch (Malformed e) {
      return new NetworkAnnotations(null, null, named, e.getMessage());
    }
  }

  /** {@code {"podNetworks": [{...}, ...]}}. */
  private static List<NetworkSpec> podNetworks(String value) throws Malformed {
    JsonNode root = read(Labels.POD_NETWORKS, value);
    if (!root.isObject()) {
      throw new Malformed(Labels.POD_NETWORKS, "is not a JSON object with \"podNetworks\"");
    }
    JsonNode list = root.path("podNetworks");
    if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
      throw new Malformed(Labels.POD_NETWORKS, "has \"podNetworks\" that is not an array");
    }
    List<NetworkSpec> specs = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.isObject()
          || !stringsOrAbsent(n.path("vSwitchOptions"))
          || !stringsOrAbsent(n.path("securityGroupIDs"))) {
        throw new Malformed(
            Labels.POD_NETWORKS,
            "has podNetworks["
                + specs.size()
                + "] that is not an object with string arrays"
                + " vSwitchOptions and securityGroupIDs");
      }
      specs.add(KubeObjects.networkSpec(n));
    }
    return specs;
  }

  /**
   * {@code [{"network": NAME, ...}, ...]}; an empty array names nothing, so selector matching
   * decides, as in Terway.
   */
  private static List<String> requested(String value) throws Malformed {
    JsonNode root = read(Labels.POD_NETWORKS_REQUEST, value);
    if (!root.isArray()) {
      throw new Malformed(Labels.POD_NETWORKS_REQUEST, "is not a JSON array");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : root) {
      JsonNode network = n.path("network");
      if (!n.isObject() || !(network.isTextual() || network.isMissingNode() || network.isNull())) {
        throw new Malformed(
            Labels.POD_NETWORKS_REQUEST,
            "has entry " + names.size() + " that is not an object with a string \"network\"");
      }
      names.add(network.asText(""));
    }
    return names.isEmpty() ? null : names;
  }

  private static JsonNode read(String annotation, String value) throws Malformed {
    if (value.isBlank()) {
      throw new Malformed(annotation, "is empty");
    }
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new Malformed(annotation, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static boolean stringsOrAbsent(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return true;
    }
    if (!n.isArray()) {
      return false;
    }
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
