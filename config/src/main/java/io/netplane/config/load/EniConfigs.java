package io.netplane.config.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.Labels;
import io.netplane.config.model.SelectionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code eni_conf} JSON into {@link EniConfig}, merging overrides as Terway does. */
public final class EniConfigs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EniConfigs() {}

  /** Parses an {@code eni_conf} string; throws with the position when it is not JSON. */
  public static JsonNode parse(String name, String eniConf) {
    try {
      JsonNode node = JSON.readTree(eniConf);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("ConfigMap " + name + ": eni_conf is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "ConfigMap " + name + ": eni_conf is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The effective config of a node using override {@code overrideName}. */
  public static EniConfig merged(JsonNode base, String overrideName, JsonNode override) {
    return of(overrideName, JsonMergePatch.apply(base, override));
  }

  /**
   * The base config and every effective override from the parsed {@code eni_conf} of each
   * kube-system ConfigMap that has one, by ConfigMap name.
   *
   * @param base null when there is no {@code eni-config}
   */
  public record Effective(EniConfig base, List<EniConfig> overrides) {
    public Effective {
      overrides = List.copyOf(overrides);
    }
  }

  public static Effective effective(Map<String, JsonNode> eniConfs) {
    JsonNode base = eniConfs.get(Labels.BASE_ENI_CONFIG);
    List<EniConfig> overrides = new ArrayList<>();
    eniConfs.forEach(
        (name, conf) -> {
          if (!name.equals(Labels.BASE_ENI_CONFIG)) {
            overrides.add(merged(base, name, conf));
          }
        });
    return new Effective(base == null ? null : of(Labels.BASE_ENI_CONFIG, base), overrides);
  }

  public static EniConfig of(String name, JsonNode conf) {
    Map<String, List<String>> vSwitches = new LinkedHashMap<>();
    JsonNode vsw = conf.path("vswitches");
    vsw.fieldNames().forEachRemaining(zone -> vSwitches.put(zone, strings(vsw.get(zone))));
    Set<String> groups = new LinkedHashSet<>();
    if (conf.path("security_group").isTextual() && !conf.path("security_group").asText().isEmpty()) {
      groups.add(conf.path("security_group").asText());
    }
    groups.addAll(strings(conf.path("security_groups")));
    JsonNode maxEni = conf.path("max_eni");
    return new EniConfig(
        name,
        vSwitches,
        new ArrayList<>(groups),
        SelectionPolicy.fromEniConfig(conf.path("vswitch_selection_policy").asText(null)),
        conf.path("enable_eni_trunking").asBoolean(false),
        new LinkedHashSet<>(strings(conf.path("custom_stateful_workload_kinds"))),
        maxEni.isNumber() ? maxEni.asInt() : null,
        conf.path("eni_cap_ratio").isNumber() ? conf.path("eni_cap_ratio").asDouble() : 1.0,
        conf.path("eni_cap_shift").asInt(0),
        conf.path("ip_stack").asText("ipv4"));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
