package io.netplane.config.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
    Source s = eniConf.isEmpty() ? invalid("eni_conf is not a JSON object") : read(name, eniConf);
    if (s.problem() != null) {
      throw new IllegalArgumentException("ConfigMap " + name + ": " + s.problem());
    }
    return s.conf();
  }

  /**
   * A kube-system ConfigMap's {@code eni_conf} as read: its JSON object, nothing ({@link #empty()}:
   * no key, or an empty string, which Terway reads as "no override"), or what is wrong with it.
   *
   * @param conf the JSON object; empty when there is none or it is malformed
   * @param problem why Terway cannot read it, or null
   */
  public record Source(JsonNode conf, String problem) {
    public static final Source EMPTY = new Source(JSON.createObjectNode(), null);

    public boolean empty() {
      return this == EMPTY;
    }
  }

  /** The {@code data.eni_conf} value of ConfigMap {@code name} (any node, missing when absent). */
  public static Source read(String name, JsonNode eniConf) {
    if (eniConf == null || eniConf.isMissingNode() || eniConf.isNull()) {
      return Source.EMPTY;
    }
    return eniConf.isTextual() ? read(name, eniConf.asText()) : invalid("eni_conf is not a string");
  }

  /** Never throws: a malformed {@code eni_conf} is a {@link Source} with a problem. */
  public static Source read(String name, String eniConf) {
    if (eniConf.isEmpty()) {
      return Source.EMPTY;
    }
    try {
      JsonNode node = JSON.readTree(eniConf);
      return node != null && node.isObject()
          ? new Source(node, null)
          : invalid("eni_conf is not a JSON object");
    } catch (JsonProcessingException e) {
      return invalid("eni_conf is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static Source invalid(String problem) {
    return new Source(MissingNode.getInstance(), problem);
  }

  /** The effective config of a node using override {@code overrideName}. */
  public static EniConfig merged(JsonNode base, String overrideName, JsonNode override) {
    return of(overrideName, JsonMergePatch.apply(base, override));
  }

  /**
   * The base config and every effective override from the {@code eni_conf} of each kube-system
   * ConfigMap, by ConfigMap name.
   *
   * @param base null when there is no {@code eni-config}, or it has no {@code eni_conf}
   */
  public record Effective(EniConfig base, List<EniConfig> overrides) {
    public Effective {
      overrides = List.copyOf(overrides);
    }
  }

  /**
   * A malformed ConfigMap breaks only the nodes using it: its effective config (and, for the base,
   * every effective config) carries the problem instead of failing the whole snapshot.
   */
  public static Effective effective(Map<String, Source> eniConfs) {
    Source base = eniConfs.get(Labels.BASE_ENI_CONFIG);
    boolean noBase = base == null || base.empty();
    List<EniConfig> overrides = new ArrayList<>();
    eniConfs.forEach(
        (name, conf) -> {
          if (name.equals(Labels.BASE_ENI_CONFIG)) {
            return;
          }
          if (conf.problem() != null) {
            overrides.add(
                unloadable(name, "ConfigMap kube-system/" + name + ": " + conf.problem()));
          } else if (!noBase && base.problem() != null) {
            overrides.add(unloadable(name, baseProblem(base)));
          } else {
            overrides.add(merged(noBase ? null : base.conf(), name, conf.conf()));
          }
        });
    EniConfig baseConfig =
        noBase
            ? null
            : base.problem() != null
                ? unloadable(Labels.BASE_ENI_CONFIG, baseProblem(base))
                : of(Labels.BASE_ENI_CONFIG, base.conf());
    return new Effective(baseConfig, overrides);
  }

  private static String baseProblem(Source base) {
    return "ConfigMap kube-system/" + Labels.BASE_ENI_CONFIG + ": " + base.problem();
  }

  /** A config Terway cannot parse at all: nothing in it applies. */
  private static EniConfig unloadable(String name, String problem) {
    return new EniConfig(
        name,
        Map.of(),
        List.of(),
        SelectionPolicy.RANDOM,
        false,
        Set.of(),
        null,
        1.0,
        0,
        "ipv4",
        problem);
  }

  public static EniConfig of(String name, JsonNode conf) {
    Map<String, List<String>> vSwitches = new LinkedHashMap<>();
    JsonNode vsw = conf.path("vswitches");
    vsw.fieldNames()
        .forEachRemaining(zone -> vSwitches.put(zone, KubeObjects.strings(vsw.get(zone))));
    Set<String> groups = new LinkedHashSet<>();
    if (conf.path("security_group").isTextual()
        && !conf.path("security_group").asText().isEmpty()) {
      groups.add(conf.path("security_group").asText());
    }
    groups.addAll(KubeObjects.strings(conf.path("security_groups")));
    JsonNode maxEni = conf.path("max_eni");
    return new EniConfig(
        name,
        vSwitches,
        new ArrayList<>(groups),
        SelectionPolicy.fromEniConfig(conf.path("vswitch_selection_policy").asText(null)),
        conf.path("enable_eni_trunking").asBoolean(false),
        new LinkedHashSet<>(KubeObjects.strings(conf.path("custom_stateful_workload_kinds"))),
        maxEni.isNumber() ? maxEni.asInt() : null,
        conf.path("eni_cap_ratio").isNumber() ? conf.path("eni_cap_ratio").asDouble() : 1.0,
        conf.path("eni_cap_shift").asInt(0),
        conf.path("ip_stack").asText("ipv4"),
        EniConfigValidation.problem(conf));
  }
}
