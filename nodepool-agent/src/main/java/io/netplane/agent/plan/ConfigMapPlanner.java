package io.netplane.agent.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The override ConfigMap. The pool owns only some {@code eni_conf} keys ({@code vswitches}, and
 * {@code security_groups} when it sets groups), recorded in an annotation: keys others added are
 * kept, keys the pool stopped owning are removed. The base {@code eni-config} is never written.
 */
final class ConfigMapPlanner {
  static final String VSWITCHES = "vswitches";
  static final String SECURITY_GROUPS = "security_groups";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigMapPlanner() {}

  static ConfigMapStep plan(PlanContext ctx, List<Finding> findings) {
    ResolvedPool pool = ctx.pool;
    ConfigMapState cm = ctx.observed.override();
    if (cm != null && !owned(cm, pool, findings)) {
      return null;
    }
    if (ctx.podVSwitches.isEmpty()) {
      return null;
    }
    ObjectNode existing = existing(cm, findings);
    Set<String> owned = new TreeSet<>();
    owned.add(VSWITCHES);
    if (pool.securityGroupIds() != null) {
      owned.add(SECURITY_GROUPS);
    }
    ObjectNode desired = existing == null ? JSON.createObjectNode() : existing.deepCopy();
    Set<String> before = cm == null ? Set.of() : PlanContext.csv(cm.annotation(PoolLabels.OWNED_ENI_CONF_KEYS));
    for (String k : before) {
      if (!owned.contains(k)) {
        desired.remove(k);
      }
    }
    desired.set(VSWITCHES, vSwitches(ctx.podVSwitches));
    if (pool.securityGroupIds() != null) {
      ArrayNode groups = desired.arrayNode();
      pool.securityGroupIds().forEach(groups::add);
      desired.set(SECURITY_GROUPS, groups);
    }
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(PoolLabels.OWNER, pool.name());
    annotations.put(PoolLabels.OWNED_ENI_CONF_KEYS, String.join(",", owned));
    annotations.put(PoolLabels.OWNED_LABELS, String.join(",", pool.nodeLabels().keySet()));
    annotations.put(PoolLabels.OWNED_TAINT, Taints.format(pool.taint()));
    Map<String, String> labels = Map.of(PoolLabels.MANAGED_BY, PoolLabels.MANAGER);
    String previous = cm == null ? null : cm.data().get(PoolLabels.ENI_CONF);
    if (cm != null
        && desired.equals(existing)
        && contains(cm.annotations(), annotations)
        && contains(cm.labels(), labels)) {
      return null;
    }
    return new ConfigMapStep(
        cm == null ? ConfigMapStep.Action.CREATE : ConfigMapStep.Action.UPDATE,
        pool.configMapName(),
        write(desired),
        previous,
        labels,
        annotations,
        cm == null ? null : cm.resourceVersion());
  }

  /** Deletes the override only when this pool owns it. */
  static ConfigMapStep planDelete(PlanContext ctx, List<Finding> findings) {
    ConfigMapState cm = ctx.observed.override();
    if (cm == null || !ctx.pool.name().equals(cm.annotation(PoolLabels.OWNER))) {
      return null;
    }
    return new ConfigMapStep(ConfigMapStep.Action.DELETE, cm.name(), null,
        cm.data().get(PoolLabels.ENI_CONF), Map.of(), Map.of(), cm.resourceVersion());
  }

  private static boolean owned(ConfigMapState cm, ResolvedPool pool, List<Finding> findings) {
    String owner = cm.annotation(PoolLabels.OWNER);
    if (owner == null) {
      // a hand-made override (seeds/004): taken over, keys the pool does not own are kept
      findings.add(new Finding(FindingId.CONFIGMAP_ADOPTED, "kube-system/" + cm.name(),
          "existing ConfigMap not created by netplane; the pool takes over its "
              + VSWITCHES + (pool.securityGroupIds() != null ? " and " + SECURITY_GROUPS : "")));
      return true;
    }
    if (!owner.equals(pool.name())) {
      findings.add(new Finding(FindingId.CONFIGMAP_OWNED_BY_OTHER_POOL, "kube-system/" + cm.name(),
          "ConfigMap belongs to pool " + owner + "; give this pool another spec.configMapName"));
      return false;
    }
    return true;
  }

  private static ObjectNode existing(ConfigMapState cm, List<Finding> findings) {
    String conf = cm == null ? null : cm.data().get(PoolLabels.ENI_CONF);
    if (conf == null) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(conf);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    findings.add(new Finding(FindingId.OVERRIDE_NOT_JSON, "kube-system/" + cm.name(),
        "eni_conf is not a JSON object (Terway cannot use it); it is replaced"));
    return null;
  }

  private static ObjectNode vSwitches(List<VSwitch> podVSwitches) {
    Map<String, List<String>> byZone = new TreeMap<>();
    for (VSwitch v : podVSwitches) {
      byZone.computeIfAbsent(v.zone(), z -> new ArrayList<>()).add(v.id());
    }
    ObjectNode out = JSON.createObjectNode();
    byZone.forEach((zone, ids) -> {
      ArrayNode a = out.putArray(zone);
      ids.forEach(a::add);
    });
    return out;
  }

  private static boolean contains(Map<String, String> have, Map<String, String> want) {
    return want.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
